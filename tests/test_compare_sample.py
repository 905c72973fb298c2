"""The reporting-line case on the generated companies: the troubled one's planted effects are
found, with intervals that exclude no change and the right sign; the healthy twin claims nothing."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from orghealth import db, sql
from orghealth.case import compare
from orghealth.generate.plan import Plan

RESAMPLES = 1000


def _reorg_month(scenario: str = "troubled") -> date:
    """The month the generator moves PS North under Sales (month 12 of the default company)."""
    plan = Plan(300, 24, scenario, 7)
    return plan.month_start(plan.reorg_month).astype(date)


@pytest.fixture(scope="module")
def troubled(sample_db):
    con = db.connect_readonly(sample_db)
    yield con, compare.compare(con, "reporting-line", n_resamples=RESAMPLES)
    con.close()


@pytest.fixture(scope="module")
def healthy(healthy_db):
    con = db.connect_readonly(healthy_db)
    yield con
    con.close()


def _find(result, metric, comparison):
    [f] = [f for f in result.findings if f.metric == metric and f.comparison == comparison]
    return f


def test_the_move_of_ps_north_is_read_from_the_people_history(troubled):
    con, result = troubled
    [(unit, since)] = result.design.treated.items()
    assert "North" in unit
    assert since == _reorg_month()
    assert any("South" in u for u in result.design.control)


@pytest.mark.parametrize("metric, sign", [
    ("proactive_warnings", -1),
    ("initiatives_deferred_twice", +1),
    ("initiative_deferrals", +1),
    ("escalation_blame", +1),
])
@pytest.mark.parametrize("comparison", [compare.BEFORE_AFTER, compare.DID, compare.SIDE_BY_SIDE])
def test_planted_effects_are_found_with_the_right_sign(troubled, metric, sign, comparison):
    _, result = troubled
    f = _find(result, metric, comparison)
    assert f.claimed, f.reason
    assert sign * f.estimate.low > 0 and sign * f.estimate.high > 0
    assert "clearly" in f.sentence and "95% interval" in compare.basis(f)


def test_planted_sizes(troubled):
    _, result = troubled
    deferred = _find(result, "initiatives_deferred_twice", compare.BEFORE_AFTER)
    before, after = deferred.groups
    assert before.value <= 0.25 and after.value >= 0.6
    warnings = _find(result, "proactive_warnings", compare.BEFORE_AFTER)
    assert warnings.groups[0].value == pytest.approx(0.5, abs=0.15)
    assert warnings.groups[1].value < 0.25


def test_flagged_then_blamed_cases_rise_after_the_move(troubled):
    con, result = troubled
    [(unit, since)] = result.design.treated.items()
    rows = sql.run(con, "compare/flagged_then_blamed")
    after = rows.filter((pl.col("unit") == unit) & (pl.col("month") >= since))["cases"].sum()
    assert after >= 8
    f = _find(result, "flagged_then_blamed", compare.BEFORE_AFTER)
    assert f.groups[1].value > f.groups[0].value and f.estimate.low > 0
    # resampled by team-month, a dozen months of one team is borderline among 20-odd comparisons:
    # claimed, or held back in words as possibly chance, never claimed on tickets one by one
    assert f.claimed or "could be chance" in f.reason


def test_evidence_pack_on_the_sample(troubled):
    con, result = troubled
    pack = compare.evidence_pack(con, "reporting-line", n_resamples=RESAMPLES)
    assert [f.sentence for f in pack] == [f.sentence for f in result.claimed]
    assert all(f.series is not None and f.rows is not None and f.rows.height for f in pack)


def test_healthy_company_has_no_reporting_line_finding(healthy):
    result = compare.compare(healthy, "reporting-line", n_resamples=RESAMPLES)
    assert result.design.treated == {}
    assert result.claimed == []


def test_healthy_company_shows_no_change_at_the_troubled_reorg_date(healthy):
    at = _reorg_month("healthy")
    result = compare.compare(healthy, f"date:{at}", n_resamples=RESAMPLES)
    assert result.findings
    assert result.claimed == [], [f.sentence for f in result.claimed]
