"""`orghealth generate`: determinism, the real tools' file shapes, and the planted differences
between the troubled company and its healthy twin, checked on the raw files."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from orghealth.cli import main
from orghealth.errors import InputError
from orghealth.generate import generate_company

SMALL = dict(people=120, months=6)


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("small")
    generate_company(out, seed=11, **SMALL)
    return out


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "README.md"}


def test_same_seed_gives_identical_files_and_another_seed_does_not(small, tmp_path):
    generate_company(tmp_path / "again", seed=11, **SMALL)
    assert files_of(tmp_path / "again") == files_of(small)
    generate_company(tmp_path / "other", seed=12, **SMALL)
    other = files_of(tmp_path / "other")
    assert other.keys() == files_of(small).keys()
    assert other != files_of(small)


def test_every_source_is_written(small):
    names = sorted(files_of(small))
    assert "hr/bamboohr_job_history.csv" in names
    assert "projects/projects.csv" in names
    assert any(n.startswith("jira/Jira Export CSV (all fields) ") for n in names)
    assert any(n.startswith("jira/jira-search-changelog-") for n in names)
    assert any(n.startswith("time/harvest_time_report_from") for n in names)
    assert any(n.startswith("crm/hubspot-crm-exports-all-deals-") for n in names)


def first_line(path: Path) -> bytes:
    return path.read_bytes().split(b"\n", 1)[0]


def test_headers_are_the_real_tools(small):
    assert first_line(small / "hr/bamboohr_job_history.csv") == (
        b"Employee #,First Name,Last Name,Work Email,Effective Date,Job Title,Department,"
        b"Division,Location,Reports To,Hire Date,Termination Date,Employment Status")
    for f in (small / "time").glob("*.csv"):
        assert first_line(f) == (
            b"Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Invoiced?,Approved?,"
            b"First Name,Last Name,Employee Id,Roles,Employee?,Billable Rate,Billable Amount,"
            b"Cost Rate,Cost Amount,Currency,External Reference URL")
    (hubspot,) = (small / "crm").glob("*.csv")
    raw = hubspot.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf\"Record ID\",\"Deal Name\",\"Deal Stage\",\"Close Date\","
                          b"\"Deal owner\",\"Amount\",\"Closed Lost Reason\",\"Last Modified Date\","
                          b"\"Create Date\",\"Associated Company\"")
    assert raw.count(b"\r\n") == raw.count(b"\n")  # CRLF throughout
    assert first_line(small / "projects/projects.csv") == (
        b"project_id,name,deal_id,account,started_at,go_live_at,estimated_hours,scoped_by,status")


def jira_headers(folder: Path) -> list[list[str]]:
    files = sorted((folder / "jira").glob("Jira Export CSV*.csv"))
    return [first_line(f).decode().split(",") for f in files]


def test_jira_csv_has_repeated_columns_and_jira_dates(small):
    for header in jira_headers(small):
        assert header[:6] == ["Summary", "Issue key", "Issue id", "Issue Type", "Status",
                              "Project key"]
        assert header.count("Labels") >= 1 and header.count("Sprint") >= 1
        assert "Custom field (Customer)" in header and "Custom field (Root Cause Team)" in header
    con = duckdb.connect()
    rows = con.sql("select Created from read_csv($f, all_varchar=true)",
                   params={"f": str(next((small / "jira").glob("Jira Export CSV*.csv")))}).fetchall()
    assert all(len(r[0].split("/")) == 3 and r[0][-2:] in ("AM", "PM") for r in rows)


def test_sample_jira_files_hold_at_most_1000_issues_with_varying_repeats(repo_root):
    files = sorted((repo_root / "sample_data/jira").glob("Jira Export CSV*.csv"))
    assert len(files) >= 2
    con = duckdb.connect()
    counts = [con.sql("select count(*) from read_csv($f, all_varchar=true)",
                      params={"f": str(f)}).fetchall()[0][0] for f in files]
    assert max(counts) == 1000
    widths = {tuple(h.count(c) for c in ("Labels", "Sprint", "Comment", "Components"))
              for h in jira_headers(repo_root / "sample_data")}
    assert len(widths) > 1, "repeated column counts should differ between files"


def test_jira_json_pages_match_the_csv_keys(small):
    con = duckdb.connect()
    csv_keys = {r[0] for r in con.sql(
        "select \"Issue key\" from read_csv($f, all_varchar=true)",
        params={"f": str(small / "jira" / "Jira Export CSV*.csv")}).fetchall()}
    json_keys, fields = set(), set()
    for page in sorted((small / "jira").glob("jira-search-changelog-*.json")):
        doc = json.loads(page.read_text(encoding="utf-8"))
        assert {"startAt", "maxResults", "total", "issues"} <= doc.keys()
        for issue in doc["issues"]:
            json_keys.add(issue["key"])
            assert issue["fields"]["created"][-5:] in ("+0100", "+0200")
            for h in issue["changelog"]["histories"]:
                fields.update(i["field"] for i in h["items"])
    assert json_keys == csv_keys
    assert {"status", "resolution", "priority", "duedate", "Sprint"} <= fields


def test_a_thousand_people_for_six_months(tmp_path):
    company = generate_company(tmp_path, people=1000, months=6)
    assert 950 <= sum(1 for _ in open(tmp_path / "hr/bamboohr_job_history.csv")) - 1 <= 1300
    assert company.counts["time_entries"] > 10_000
    assert company.counts["tickets"] > 1000


def test_large_companies_log_daily_entries(tmp_path):
    company = generate_company(tmp_path, people=1001, months=3, scenario="healthy")
    con = duckdb.connect()
    days, roles = con.sql(
        "select count(distinct Date), count(distinct Roles) "
        "from read_csv($f, all_varchar=true, union_by_name=true, null_padding=true)",
        params={"f": str(tmp_path / "time" / "*.csv")}).fetchall()[0]
    assert days > 50  # working days, not one Friday a week
    assert roles >= 8  # support and engineering log time too at this size
    assert len(company.mangled) == 5


def test_bad_arguments_are_input_errors(tmp_path):
    with pytest.raises(InputError):
        generate_company(tmp_path, scenario="chaotic")
    with pytest.raises(InputError):
        generate_company(tmp_path, people=10)
    with pytest.raises(InputError):
        generate_company(tmp_path, months=1)


def test_cli_generate(tmp_path, capsys):
    assert main(["generate", "--out", str(tmp_path), "--people", "120", "--months", "6",
                 "--scenario", "healthy", "--seed", "3"]) == 0
    assert "healthy company" in capsys.readouterr().out
    assert (tmp_path / "hr/bamboohr_job_history.csv").is_file()
    assert main(["generate", "--out", str(tmp_path), "--people", "5"]) == 2
