"""orghealth check: the report's shape, and the CLI in text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from orghealth.check import check_report
from orghealth.cli import main
from orghealth.ingest import ingest_paths

EXPORTS = Path(__file__).parent / "fixtures" / "exports"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("check") / "check.duckdb"
    ingest_paths([EXPORTS / "basic", EXPORTS / "org" / "people.csv"], path)
    return path


def test_check_json_shape(db, capsys):
    assert main(["check", "--db", str(db), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) >= {"database", "files", "totals", "balanced", "rejects",
                           "people_without_function", "reporting_lines", "unmatched_people",
                           "date_coverage"}
    assert report["balanced"] is True
    t = report["totals"]
    assert t["rows_read"] == t["rows_loaded"] + t["rows_rejected"] == 45
    assert t["rows_rejected"] == 9
    for f in report["files"]:
        assert set(f) >= {"file", "format", "table", "rows_read", "rows_loaded", "rows_rejected"}
    reasons = report["rejects"]["by_reason"]
    assert sum(r["count"] for r in reasons) == 9
    ex = reasons[0]["examples"][0]
    assert set(ex) == {"file", "line", "reason", "raw"}
    lines = report["reporting_lines"]
    assert [p["people"] for p in lines["cycles"]] == [["P6", "P7"]]
    assert {p["manager_id"] for p in lines["orphans"]} == {"P99", "Ghost Person"}
    assert [p["person_id"] for p in lines["self_managers"]] == ["P8"]
    assert {u["value"] for u in report["unmatched_people"]} >= {"Zed Unknown", "Ghost Person"}
    cov = {c["table"]: c for c in report["date_coverage"]}
    assert cov["tickets"]["first"] == "2025-01-02" and cov["tickets"]["rows"] == 5
    assert [p["person_id"] for p in report["people_without_function"]] == ["P8"]


def test_check_text_names_files_and_problems(db, capsys):
    assert main(["check", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "bamboohr_job_history.csv" in out and "9 read, 8 loaded, 1 rejected" in out
    assert "go round in a circle among P6, P7" in out
    assert "reports to 'P99'" in out


def test_check_report_on_a_connection(db):
    with duckdb.connect(str(db), read_only=True) as con:
        r = check_report(con)
    json.dumps(r)   # JSON-able as it is
