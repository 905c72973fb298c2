"""The catalog and every sign query: headers, parameters, output shape, docs in step."""

from __future__ import annotations

import re

import pytest
from test_signals_rows import small_company

from orghealth import signals, sql
from orghealth.paths import QUERIES_DIR

SIGNAL_FILES = sorted(
    p.stem for p in (QUERIES_DIR / "signals").glob("*.sql")
    if not p.stem.startswith("_") and "__" not in p.stem
)
ALLOWED_PARAMS = {"date_from", "date_to", "team", "min_group_size"}
DESIGN_IDS = {
    "ps_reports_into_sales", "deferred_initiatives", "scapegoating", "proactive_decline",
    "sales_in_operations", "ops_understaffed", "promises_without_delivery", "underscoping",
    "time_to_live", "presales_drift", "cross_team_collaboration",
}


@pytest.fixture(scope="module")
def small():
    con = small_company()
    yield con
    con.close()


def test_every_designed_sign_has_a_query_and_a_catalog_entry():
    assert set(SIGNAL_FILES) == DESIGN_IDS
    assert set(signals.load_catalog()) == DESIGN_IDS


def _header(name: str) -> str:
    """The comment block a query starts with."""
    lines = sql.query_text(name).splitlines()
    return "\n".join(line for line in lines[: next(
        (i for i, line in enumerate(lines) if not line.startswith("--")), len(lines))])


@pytest.mark.parametrize("sid", SIGNAL_FILES)
def test_query_header_and_params(sid):
    spec = signals.load_catalog()[sid]
    for name in (spec.query, spec.evidence_query):
        head = _header(name)
        assert head.startswith(f"-- {sid}"), f"{name}: the header starts with the query's name"
        for part in ("grain:", "sources:", "params:"):
            assert f"-- {part}" in head, f"{name}: header has no '{part}' line"
        used = sql.query_params(name)
        assert used <= ALLOWED_PARAMS, f"{name}: unknown parameters {used - ALLOWED_PARAMS}"
        params_text = head.split("-- params:", 1)[1]
        for p in used:
            assert f"${p}" in params_text, f"{name}: header does not list ${p}"
        assert re.search(r"select \* from final", sql.query_text(name))
    # every sign filters by window and privacy minimum
    assert {"date_from", "date_to", "min_group_size"} <= sql.query_params(spec.query)


@pytest.mark.parametrize("sid", SIGNAL_FILES)
def test_query_runs_with_the_common_shape(small, sid):
    bound = signals.SignalParams().bound(small)
    frame = sql.run(small, f"signals/{sid}", bound)
    spec = signals.load_catalog()[sid]
    assert frame.columns == ["grp", "period", "value", "n", *dict(spec.columns)]
    assert set(spec.labels) == set(frame.columns)
    assert frame.height > 0
    assert frame["n"].min() >= 1
    ev = signals.evidence(small, sid)
    assert ev.width >= 3
    # evidence columns are words, not raw column names
    assert all(not re.fullmatch(r"[a-z_]+", c) or c.isalpha() for c in ev.columns)


def test_thresholds_order_and_direction():
    for spec in signals.load_catalog().values():
        assert spec.status_of(spec.red) == "red"
        assert spec.status_of(spec.amber) == "amber"
        beyond = -1 if spec.higher_is_worse else 1
        assert spec.status_of(spec.amber + beyond * 1e-6) == "green"
        assert spec.status_of(None) == "insufficient_data"
        assert spec.meaning and spec.why and spec.action and spec.calculation


def test_docs_are_generated_from_the_catalog():
    doc = signals.DOC_PATH.read_text(encoding="utf-8")
    assert doc == signals.render_doc(), "docs/signals.md is stale: uv run python -m orghealth.signals"
    for sid, spec in signals.load_catalog().items():
        assert f'<a id="{sid}"></a>' in doc
        assert spec.title in doc


def test_every_input_a_sign_needs_is_counted(small):
    counts = signals.input_counts(small, signals.SignalParams().bound(small))
    for spec in signals.load_catalog().values():
        for name, reason in spec.needs:
            assert name in counts, f"{spec.id} needs {name}, which _inputs.sql does not count"
            assert reason
