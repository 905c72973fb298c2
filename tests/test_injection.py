"""Hostile text in exports: a team name made of quotes and SQL reaches DuckDB only as a
parameter (command line and dashboard filter), markup from an export is never rendered as
HTML (dashboard and HTML snapshot), and CSV downloads keep would-be formulas as text."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path

import duckdb
import pytest
from conftest import dashboard

from orghealth.cli import main as cli
from orghealth.paths import ROOT

TEAM = "Support' OR '1'='1'; DROP TABLE people; -- <b>loud</b>"
SCRIPT = "<script>alert(1)</script>"
FORMULA = "=1+2"


def accounts_in_tickets_and_hours(folder: Path) -> list[str]:
    """Customer accounts that both the Jira export and the time report name, in a fixed order."""
    import polars as pl

    def column(pattern: str, name: str) -> set[str]:
        return set(pl.concat([pl.read_csv(f, infer_schema=False).select(name)
                              for f in sorted(folder.rglob(pattern))])[name].drop_nulls())

    return sorted(column("Jira Export*.csv", "Custom field (Customer)")
                  & column("harvest_*.csv", "Client"))


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    from orghealth.generate import generate_company
    from orghealth.ingest import ingest_paths

    folder = tmp_path_factory.mktemp("hostile")
    generate_company(folder, people=80, months=14, scenario="troubled", seed=3)
    script_account, formula_account = accounts_in_tickets_and_hours(folder)[:2]
    # (text in the generated company, what it becomes)
    swaps = [("Customer Support", TEAM), (script_account, SCRIPT), (formula_account, FORMULA)]
    for f in folder.rglob("*"):
        if f.is_file() and f.suffix in (".csv", ".json"):
            text = f.read_text(encoding="utf-8-sig")
            for old, new in swaps:
                text = text.replace(old, new)
            f.write_text(text, encoding="utf-8")
    db = folder / "hostile.duckdb"
    ingest_paths([folder], db)
    return db


def run_cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = cli(list(args))
    return code, out.getvalue()


def counts(db: Path) -> tuple:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select (select count(*) from people), (select count(*) from "
                           "person_months where unit = $t)", {"t": TEAM}).fetchone()
    finally:
        con.close()


def test_the_hostile_team_is_data_and_the_cli_filters_by_it(hostile_db):
    people, team_months = counts(hostile_db)
    assert team_months > 0, "the hostile name is a team like any other"
    code, out = run_cli("signals", "--db", str(hostile_db), "--json", "--team", TEAM)
    assert code == 0
    filtered = {s["id"]: s for s in json.loads(out)}
    code, out = run_cli("signals", "--db", str(hostile_db), "--json")
    everyone = {s["id"]: s for s in json.loads(out)}
    assert filtered.keys() == everyone.keys()
    assert any(filtered[k]["n"] != everyone[k]["n"] for k in filtered), \
        "the team filter took effect (the name matched as a value, not as SQL)"
    assert counts(hostile_db) == (people, team_months), "nothing was dropped or changed"


def test_sql_quotes_in_a_team_name_that_does_not_exist_match_nothing(hostile_db):
    code, out = run_cli("signals", "--db", str(hostile_db), "--json", "--team",
                        "x' OR 1=1 --")
    assert code in (0, 2)
    if code == 0:
        assert all(s["status"] == "insufficient_data" or not s["n"] for s in json.loads(out))


def html_bodies(at) -> list[str]:
    """Every piece of text the page would insert as HTML."""
    out = []
    for node in at.get("markdown"):
        if node.proto.allow_html:
            out.append(node.proto.body)
    out += [node.proto.body for node in at.get("html")]
    return out


PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


def test_the_dashboard_filters_by_the_hostile_team_and_renders_no_markup(
        hostile_db, monkeypatch, tmp_path):
    at = dashboard(monkeypatch, tmp_path, hostile_db).run()
    assert not at.exception, [e.message for e in at.exception]
    assert TEAM in at.sidebar.selectbox(key="team").options
    at.sidebar.selectbox(key="team").set_value(TEAM).run()
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.message for e in at.exception])
        for body in html_bodies(at):
            assert SCRIPT not in body and "<b>loud</b>" not in body, (page, body[:300])
    assert counts(hostile_db)[1] > 0


def test_the_html_snapshot_escapes_export_text(hostile_db, tmp_path):
    from orghealth.snapshot import SnapshotOptions
    from orghealth.snapshot.build import make_snapshot

    out = tmp_path / "deck.html"
    make_snapshot(hostile_db, out, SnapshotOptions(team=TEAM))
    page = out.read_text(encoding="utf-8")
    assert SCRIPT not in page and "<b>loud</b>" not in page
    assert "&lt;b&gt;loud&lt;/b&gt;" in page, "the team's name is shown, as text"


def test_csv_downloads_of_export_rows_keep_formulas_as_text(hostile_db):
    from orghealth import export, ui

    con = duckdb.connect(str(hostile_db), read_only=True)
    try:
        import polars as pl

        frame = pl.from_arrow(con.sql(
            "select ticket_id as item, account, labels from tickets where account in ($f, $s) "
            "union all select project, account, [task] from time_entries "
            "where account in ($f, $s)",
            params={"f": FORMULA, "s": SCRIPT}).to_arrow_table())
    finally:
        con.close()
    assert FORMULA in frame["account"].to_list() and SCRIPT in frame["account"].to_list()
    rows = list(csv.reader(io.StringIO(export.to_csv_bytes(ui.display_frame(frame))
                                       .decode("utf-8-sig"))))
    cells = [c for r in rows[1:] for c in r]
    assert f"'{FORMULA}" in cells and FORMULA not in cells
    assert not any(c[:1] in "=+-@" for c in cells if c)
