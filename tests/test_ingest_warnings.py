"""Rows loaded as they are but worth a look: dated after the day of loading, and reporting-line
cycles in an org chart without dates. Both reach the ingest summary and `orghealth check`."""

from __future__ import annotations

import contextlib
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from orghealth.cli import main
from orghealth.ingest import ingest_paths, summary_text

BAD = Path(__file__).parent / "bad_files"
HARVEST_HEADER = "Date,Client,Project,Task,Hours,First Name,Last Name,Employee Id\n"


def _check(db: Path, *extra: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["check", "--db", str(db), *extra]) == 0
    return out.getvalue()


def test_a_time_entry_in_the_future_loads_with_a_warning_naming_file_and_line(tmp_path):
    db = tmp_path / "company.duckdb"
    report = ingest_paths([BAD / "harvest_future_date.csv"], db)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (3, 3, 0)
    text = summary_text(report)
    assert "harvest_future_date.csv, line 4: hours logged on 2099-01-09, after the day it was loaded" in text
    assert "fix it in the export and load again" in text
    warnings = json.loads(_check(db, "--json"))["warnings"]
    assert [(Path(w["file"]).name, w["line"], w["kind"]) for w in warnings] == [
        ("harvest_future_date.csv", 4, "future_date")]
    assert "Rows loaded with a warning (worth a look): 1" in _check(db)


def test_today_is_not_the_future_but_tomorrow_is(tmp_path):
    today = datetime.now(UTC).date()
    path = tmp_path / "harvest_time_report.csv"
    path.write_text(HARVEST_HEADER
                    + f"{today},Acme,Rollout,Implementation,2,Ann,Lee,E4\n"
                    + f"{today - timedelta(days=400)},Acme,Rollout,Implementation,2,Ann,Lee,E4\n"
                    + f"{today + timedelta(days=1)},Acme,Rollout,Implementation,2,Ann,Lee,E4\n",
                    encoding="utf-8")
    report = ingest_paths([path], tmp_path / "company.duckdb")
    assert report.rows_loaded == 3 and report.warning_count == 1
    assert report.warnings[0]["line"] == 4


def test_only_a_won_deal_cannot_close_in_the_future(tmp_path):
    ahead = (datetime.now(UTC).date() + timedelta(days=30)).isoformat()
    path = tmp_path / "hubspot-crm-exports-all-deals.csv"
    path.write_text("Record ID,Deal Name,Deal Stage,Close Date,Deal owner,Amount\n"
                    f"1,Open deal,Negotiation,{ahead},Sam Seller,100\n"
                    f"2,Won deal,Closed won,{ahead},Sam Seller,100\n", encoding="utf-8")
    report = ingest_paths([path], tmp_path / "company.duckdb")
    assert report.rows_loaded == 2
    assert [(w["line"], w["message"].split(",")[0]) for w in report.warnings] == [
        (3, f"deal 2 won on {ahead}")]


def test_a_planned_reporting_line_change_is_listed_not_refused(tmp_path):
    report = ingest_paths([BAD / "bamboohr_future_dates.csv"], tmp_path / "company.duckdb")
    assert report.rows_rejected == 0
    [w] = report.warnings
    assert w["line"] == 5 and "reporting line of E4 dated 2099-01-01" in w["message"]
    assert "if it is planned it counts from that day on" in w["message"]


def test_a_cycle_in_an_org_chart_without_dates_is_named_with_its_people_and_lines(tmp_path):
    db = tmp_path / "company.duckdb"
    report = ingest_paths([BAD / "orgchart_self_and_mutual_cycle.csv"], db)
    [w] = report.warnings
    assert w["line"] == 3
    assert ("reporting lines go round in a circle among 2 (Two Person), 3 (Three Person): "
            "2 reports to 3 (line 3); 3 reports to 2 (line 4)") in w["message"]
    text = _check(db)
    assert "Reporting lines: 1 cycle(s)" in text
    assert ("Two Person, Three Person: reporting lines go round in a circle among 2, 3 "
            "(in the current reporting lines)") in text


def test_a_dated_cycle_still_reads_as_before_and_now_points_at_its_lines(tmp_path):
    db = tmp_path / "company.duckdb"
    report = ingest_paths([BAD / "bamboohr_reporting_cycle.csv"], db)
    [w] = report.warnings
    assert "E2 reports to Pat Delivery (line 3); E3 reports to Sam Seller (line 4)" in w["message"]
    assert "go round in a circle among E2, E3 (2024-01-01 to 2024-01-31)" in _check(db)


def test_clean_exports_give_no_warnings(tmp_path):
    db = tmp_path / "company.duckdb"
    report = ingest_paths([Path(__file__).parent / "fixtures" / "exports" / "basic"], db)
    assert report.warning_count == 0
    assert "worth a look" not in summary_text(report)
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select count(*) from load_warnings").fetchone() == (0,)
    finally:
        con.close()


def test_a_cycle_in_people_loaded_as_the_canonical_table_is_warned_too(tmp_path):
    report = ingest_paths([Path(__file__).parent / "fixtures" / "exports" / "org"],
                          tmp_path / "company.duckdb")
    [w] = report.warnings
    assert Path(w["file"]).name == "people.csv"
    assert "go round in a circle among P6 (Cy Loop), P7 (Di Loop): P6 reports to P7" in w["message"]


def test_a_row_in_the_future_does_not_stretch_the_months_shown(tmp_path):
    db = tmp_path / "company.duckdb"
    ingest_paths([BAD / "harvest_future_date.csv"], db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        latest = con.execute("select max(date) from time_entries").fetchone()[0]
        end = con.execute("select value from build_info where key = 'data_end'").fetchone()[0]
    finally:
        con.close()
    assert latest.year == 2099                     # the row is loaded as it is
    assert end <= str(datetime.now(UTC).date() + timedelta(days=1))
