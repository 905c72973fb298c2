"""The reporting-line case on the small inline company: splits, findings, withholding, CLI."""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pytest
from test_compare_sql import MOVE, NORTH, SOUTH, build_company

from orghealth.case import compare
from orghealth.cli import main
from orghealth.errors import InputError

RESAMPLES = 1000


@pytest.fixture(scope="module")
def moved():
    con = duckdb.connect()
    build_company(con, moved=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def unmoved():
    con = duckdb.connect()
    build_company(con, moved=False)
    yield con
    con.close()


@pytest.fixture(scope="module")
def result(moved):
    return compare.compare(moved, "reporting-line", n_resamples=RESAMPLES)


def _find(result, metric, comparison):
    [f] = [f for f in result.findings if f.metric == metric and f.comparison == comparison]
    return f


def test_split_parsing():
    assert compare.parse_split("reporting-line").kind == "reporting-line"
    assert compare.parse_split("date:2025-03-01").at == date(2025, 3, 1)
    for bad in ("team", "date:March", "date:2025-13-01", ""):
        with pytest.raises(InputError, match="YYYY-MM-DD"):
            compare.parse_split(bad)


def test_design_reads_the_move_from_the_people_history(moved):
    d = compare.derive_design(moved, compare.parse_split("reporting-line"))
    assert d.treated == {NORTH: MOVE}
    assert d.control == [SOUTH]
    assert d.reference == MOVE


def test_date_split_puts_units_on_the_side_they_are_on_after_the_date(moved):
    d = compare.derive_design(moved, compare.parse_split("date:2024-09-15"))
    assert d.treated == {NORTH: date(2024, 9, 1)} and d.control == [SOUTH]
    with pytest.raises(InputError, match="not inside the data"):
        compare.derive_design(moved, compare.parse_split("date:2030-01-01"))


def test_before_after_warnings_have_the_known_values(result):
    f = _find(result, "proactive_warnings", compare.BEFORE_AFTER)
    before, after = f.groups
    assert before.value == pytest.approx(24 / 48)          # (i + m) even: half the people
    assert after.value == pytest.approx(5 / 48)            # 4 by the rule, plus the warning W-X
    assert (before.people, after.people) == (8, 8)
    assert f.claimed and f.estimate.high < 0
    # no rate test over single rows: the bootstrap over unit-months is the only test
    assert f.test is None and f.estimate.relative == pytest.approx(after.value / before.value - 1)
    assert "79% fewer proactive warnings (0.50 → 0.10" in f.sentence
    assert "clearly lower" in f.sentence and "Timing, not proof of cause." in f.sentence
    # the interval is in "how sure", with how it was resampled; no p-value anywhere
    how = compare.basis(f)
    assert "95% interval" in how and "team-months" in how and "p =" not in how
    assert "July 2024" in f.sentence and NORTH in f.sentence


def test_difference_in_differences_against_the_unit_that_stayed(result):
    f = _find(result, "proactive_warnings", compare.DID)
    tb, ta, cb, ca = (g.value for g in f.groups)
    assert f.estimate.value == pytest.approx((ta - tb) - (ca - cb))
    assert f.claimed and f.estimate.high < 0
    assert "clearly beyond theirs" in f.sentence and SOUTH in f.sentence
    assert "difference-in-differences" in compare.basis(f)


def test_side_by_side_compares_the_same_months(result):
    f = _find(result, "initiatives_deferred_twice", compare.SIDE_BY_SIDE)
    other, under_sales = f.groups
    assert under_sales.value == pytest.approx(0.75) and other.value == pytest.approx(0.125)
    assert under_sales.rows == other.rows == 48            # July to December only
    assert f.claimed and f.test is None


def test_findings_are_claimed_strongest_first_and_withheld_with_reasons(result):
    claimed = result.claimed
    assert claimed and result.findings[: len(claimed)] == claimed
    strengths = [f.strength for f in claimed]
    assert strengths == sorted(strengths, reverse=True)
    assert all(not f.estimate.crosses_zero for f in claimed)
    for f in result.withheld:
        assert f.reason
    # one flagged-then-blamed case is not enough to claim anything
    assert not _find(result, "flagged_then_blamed", compare.BEFORE_AFTER).claimed


def test_company_wide_metric_says_it_shows_timing_not_cause(result):
    # resampled by person-month (not hour by hour) the rise need not be claimed; either way the
    # sentence says what a company-wide before/after can only ever show
    f = _find(result, "sales_operations_time", compare.BEFORE_AFTER)
    assert "No group stayed unaffected" in f.sentence
    assert "Timing, not proof of cause." in f.sentence


def test_privacy_minimum_withholds_everything_on_small_groups(moved):
    r = compare.compare(moved, "reporting-line", min_group_size=9, n_resamples=RESAMPLES)
    assert r.findings and not r.claimed
    reasons = {f.reason for f in r.findings}
    assert any("privacy minimum" in x for x in reasons)
    assert all("fewer than" in x or "only one month" in x for x in reasons)


def test_no_move_means_no_reporting_line_findings(unmoved):
    r = compare.compare(unmoved, "reporting-line", n_resamples=RESAMPLES)
    assert r.findings == []
    assert "No PS unit" in r.design.note


def test_a_date_split_without_effects_claims_nothing(unmoved):
    r = compare.compare(unmoved, "date:2024-07-01", n_resamples=RESAMPLES)
    assert r.findings and not r.claimed
    f = _find(r, "proactive_warnings", compare.BEFORE_AFTER)
    assert "across PS" in f.sentence and "interval" in f.reason


def test_results_are_deterministic(moved, result):
    again = compare.compare(moved, "reporting-line", n_resamples=RESAMPLES)
    assert [f.to_json() for f in again.findings] == [f.to_json() for f in result.findings]


def test_evidence_pack_has_series_and_rows_and_draws_nothing(moved):
    from orghealth.case import charts

    pack = compare.evidence_pack(moved, "reporting-line", n_resamples=RESAMPLES)
    assert pack and all(f.claimed for f in pack)
    for f in pack:
        assert f.series is not None and f.series.height > 0
        assert f.rows is not None and f.rows.height > 0
    ba = next(f for f in pack if f.metric == "proactive_warnings"
              and f.comparison == compare.BEFORE_AFTER)
    assert set(ba.rows["unit"].to_list()) == {NORTH}
    # the move is marked on the before/after chart
    design = compare.derive_design(moved, compare.parse_split("reporting-line"))
    fig = charts.finding_figure(ba, ba.series, design)
    assert fig.data and any(s.x0 == MOVE for s in fig.layout.shapes)


def test_compare_builds_no_plotly_figure():
    """The comparison is numbers and words; only the page and the snapshot draw."""
    import subprocess
    import sys

    code = ("import sys; import orghealth.case.compare, orghealth.case.words; "
            "sys.exit('plotly' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_monthly_series_blanks_months_under_the_privacy_minimum(moved):
    m = compare.METRIC_BY_ID["proactive_warnings"]
    d = compare.derive_design(moved, compare.parse_split("reporting-line"))
    rows = compare.sql.run(moved, m.query)
    assert compare.monthly_series(rows, m, d, 5)["value"].null_count() == 0
    assert compare.monthly_series(rows, m, d, 9)["value"].null_count() == 24


@pytest.fixture(scope="module")
def db_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("case") / "case.duckdb"
    con = duckdb.connect(str(path))
    build_company(con, moved=True)
    con.close()
    return path


def test_cli_json_and_text(db_file, capsys):
    assert main(["compare", "--db", str(db_file), "--split", "reporting-line", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["split"] == "reporting-line"
    assert out["units_under_sales"] == [{"unit": NORTH, "since": "2024-07-01"}]
    assert out["findings"] and all(f["claimed"] for f in out["findings"])
    first = out["findings"][0]
    assert first["interval"][0] <= first["difference"] <= first["interval"][1]
    assert all(w["reason"] for w in out["withheld"])

    assert main(["compare", "--db", str(db_file), "--split", "reporting-line"]) == 0
    text = capsys.readouterr().out
    assert "Findings, strongest first" in text and "Withheld" in text
    assert "95% interval" in text


def test_cli_bad_input_exits_2_with_a_message(db_file, tmp_path, capsys):
    assert main(["compare", "--db", str(db_file), "--split", "date:soon"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert main(["compare", "--db", str(tmp_path / "none.duckdb"), "--split",
                 "reporting-line"]) == 2
    assert "orghealth ingest" in capsys.readouterr().err


def three_units() -> duckdb.DuckDBPyConnection:
    """A people history alone: East moves under Sales in April, back out in June, in again in
    September; West moves in August; Central never does (2024, six people each)."""
    con = duckdb.connect()
    con.execute("create table person_months (month date, person_id varchar, unit varchar, "
                "function varchar, reports_into_sales boolean, manager_id varchar)")
    moves = {"East": {4, 5, 9, 10, 11, 12}, "West": {8, 9, 10, 11, 12}, "Central": set()}
    rows = [(date(2024, m, 1), f"{u}{i}", u, "ps", m in moves[u], f"{u}-lead")
            for u in moves for i in range(6) for m in range(1, 13)]
    con.executemany("insert into person_months values (?, ?, ?, ?, ?, ?)", rows)
    return con


def test_each_unit_is_compared_from_its_own_first_move():
    con = three_units()
    d = compare.derive_design(con, compare.parse_split("reporting-line"))
    assert d.treated == {"East": date(2024, 4, 1), "West": date(2024, 8, 1)}
    assert d.control == ["Central"]
    assert d.reference == date(2024, 4, 1)


def test_every_measure_is_documented(repo_root):
    doc = (repo_root / "docs" / "case.md").read_text(encoding="utf-8")
    for m in compare.METRICS:
        assert f"`{m.id}`" in doc, f"docs/case.md does not describe {m.id}"


def test_no_services_units_means_nothing_to_compare():
    con = duckdb.connect()
    build_company(con, moved=False)
    con.execute("update person_months set function = 'engineering' where function = 'ps'")
    for name in compare.sql.query_names("rollups"):
        compare.sql.execute_script(con, name)
    r = compare.compare(con, "reporting-line", n_resamples=RESAMPLES)
    assert r.findings == [] and "no Professional Services" in r.design.note
    assert "None: the data does not support a claim." in compare.render_text(r)


def test_verdict_leads_with_the_strongest_finding_and_says_one_unit_is_one_case(result):
    from orghealth.case import words

    v = words.verdict(result)
    assert v.startswith(f"{NORTH} moved into Sales in July 2024")
    assert result.claimed[0].headline in v
    assert "a single case, not a pattern across teams" in v and "Timing, not proof of cause" in v
    assert "orghealth" not in v and "--" not in v


def test_verdict_without_a_move_says_so_in_words(unmoved):
    from orghealth.case import words

    v = words.verdict(compare.compare(unmoved, "reporting-line", n_resamples=RESAMPLES))
    assert "moved into Sales inside these months" in v and "date" in v
    assert "orghealth" not in v and "--" not in v


def test_a_new_manager_and_a_headcount_change_at_the_move_are_named():
    con = three_units()
    con.execute("update person_months set manager_id = 'West-new' "
                "where unit = 'West' and month >= date '2024-08-01'")
    con.execute("delete from person_months where unit = 'East' and month >= date '2024-04-01' "
                "and person_id in ('East0', 'East1', 'East2')")
    d = compare.derive_design(con, compare.parse_split("reporting-line"))
    words = compare.confounders(d)
    assert any("West had a new manager in August 2024" in w for w in words)
    assert any("East's headcount went from about 6 to about 3" in w for w in words)
    assert not any(w.startswith("Central") for w in words)
