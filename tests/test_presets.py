"""Every common export loads with no flags: one fixture per tool, with that tool's quirks."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from orghealth.check import check_report
from orghealth.ingest import ingest_paths
from orghealth.ingest.formats import detect

FIXTURES = Path(__file__).parent / "fixtures"
PRESETS = FIXTURES / "exports" / "presets"
HR = FIXTURES / "exports" / "hr"
ENCODINGS = FIXTURES / "encodings"


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    db = tmp_path_factory.mktemp("presets") / "presets.duckdb"
    ingest_paths([PRESETS, ENCODINGS / "tempo_de", HR / "workday_csv"], db)
    c = duckdb.connect(str(db), read_only=True)
    yield c
    c.close()


@pytest.fixture(scope="module")
def hr_con(tmp_path_factory):
    db = tmp_path_factory.mktemp("hr") / "hr.duckdb"
    ingest_paths([HR / "workday_json", ENCODINGS / "orgchart_utf16"], db)
    c = duckdb.connect(str(db), read_only=True)
    yield c
    c.close()


def rows(con, q, params=None):
    return con.execute(q, params or {}).fetchall()


def test_each_file_is_detected_without_flags():
    expected = {
        "hibob/bob_people_export.csv": "hibob",
        "servicenow/incident.csv": "servicenow",
        "zendesk/export-2025-03-31-tickets.csv": "zendesk",
        "zendesk/zendesk-tickets.json": "zendesk_json",
        "jira_dc/issue_history_000001.csv": "jira_dc_history",
        "clockify/Clockify_Time_Report_Detailed_01_01_2026-28_02_2026.csv": "clockify",
        "tempo/tempo-worklogs-2025-03.csv": "tempo",
        "salesforce/report1711900000000.csv": "salesforce",
    }
    for rel, name in expected.items():
        assert detect(PRESETS / rel).name == name, rel
    assert detect(HR / "workday_csv" / "Worker_Report.csv").name == "workday"
    assert detect(HR / "workday_json" / "Worker_Report.json").name == "workday_json"


def test_exact_row_accounting_per_file(con, hr_con):
    got = {Path(f).name: (a, b, c) for f, a, b, c in
           rows(con, "select file, rows_read, rows_loaded, rows_rejected from ingest_log")
           + rows(hr_con, "select file, rows_read, rows_loaded, rows_rejected from ingest_log")}
    assert got == {
        "bob_people_export.csv": (7, 5, 2),
        "incident.csv": (6, 3, 3),
        "export-2025-03-31-tickets.csv": (3, 2, 1),
        "zendesk-tickets.json": (2, 1, 1),
        "issue_history_000001.csv": (4, 3, 1),
        "Clockify_Time_Report_Detailed_01_01_2026-28_02_2026.csv": (4, 3, 1),
        "tempo-worklogs-2025-03.csv": (3, 2, 1),
        "tempo-arbeitszeiten-2025-03.csv": (3, 2, 1),
        "report1711900000000.csv": (3, 2, 1),
        "Worker_Report.csv": (5, 3, 2),
        "Worker_Report.json": (3, 3, 0),
        "OrgChart.txt": (5, 4, 1),
    }
    for c in (con, hr_con):
        per_file = dict(rows(c, "select file, count(*) from rejects group by file"))
        for f, rej in rows(c, "select file, rows_rejected from ingest_log"):
            assert per_file.get(f, 0) == rej


def test_hibob_reports_to_by_id_name_or_email(con):
    got = dict(rows(con, "select person_id, manager_id from people where person_id like 'E%'"))
    assert got == {"E1": None, "E2": "E1", "E3": "E2", "E4": "E3", "E5": "E3"}
    hired = rows(con, "select hire_date::varchar from people where person_id = 'E2'")
    assert hired == [("2020-03-15",)]                       # 15/03/2020, day first
    reasons = dict(rows(con, "select line, reason from rejects where file like '%bob_people%'"))
    assert reasons[7].startswith("work.startDate: '13/13/2023'")
    assert reasons[8] == "duplicate of line 5 (same employee E4); keep one of the two rows"


def test_servicenow_user_dates_priorities_and_repaired_names(con):
    t = {r[0]: r[1:] for r in rows(
        con, "select ticket_id, strftime(created_at, '%Y-%m-%d %H:%M:%S'), priority, status_category, "
             "assignee_id, reporter_id, is_escalation, strftime(updated_at, '%Y-%m-%d %H:%M') "
             "from tickets where ticket_id like 'INC%'")}
    # 02-13-2025 15:46:06 is month first; O‚ÄôConnor was repaired and matched to E5
    assert t["INC0010001"] == ("2025-02-13 15:46:06", "1 - Critical", "done", "E5", "E2", True,
                               "2025-02-14 09:00")
    assert t["INC0010002"][0] == "2025-02-03 08:00:00"      # the same file's order: 3 February
    assert t["INC0010002"][6] == "2025-02-20 10:10"         # a spreadsheet re-save: 2025/02/20 10:10
    assert t["INC0010003"][2] == "in progress"
    reasons = dict(rows(con, "select line, reason from rejects where file like '%incident.csv'"))
    assert reasons[5].startswith("opened_at: '31-02-2025 10:00:00' is not a date")
    assert reasons[6].startswith("duplicate of line 2")
    assert reasons[7].startswith("opened_at is empty")
    note = rows(con, "select note from ingest_log where file like '%incident.csv'")[0][0]
    assert "1 garbled character(s) repaired" in note


def test_zendesk_csv_and_json(con):
    t = {r[0]: r[1:] for r in rows(
        con, "select ticket_id, strftime(created_at, '%Y-%m-%d %H:%M'), labels, account, team, "
             "blamed_function, assignee_id, is_initiative from tickets where ticket_id in ('101', '102', '201')")}
    # +0100 offsets become UTC; tags are split on spaces; a [list] custom field names the blamed team
    assert t["101"] == ("2025-03-04 09:11", ["escalation", "customer-request"], "Acme", "Support", "ps",
                        "E4", False)
    assert t["102"][5] == "E5"                                # Sean O’Connor, in proper UTF-8
    assert t["201"][:2] == ("2025-03-06 09:00", ["health-check", "initiative"]) and t["201"][6] is True
    # the JSON's side-loaded users give requester 9001 an email; user 9003 is not among them
    assert rows(con, "select reporter_id, assignee_id from tickets where ticket_id = '201'") == [("E2", "9003")]
    assert rows(con, "select count(*) from tickets where ticket_id in ('103', '202')") == [(0,)]
    assert rows(con, "select reason from rejects where file like '%.json'") == [
        ("created_at: 'not a date' is not a date like 2025-03-04 10:11; fix the cell or re-export the file",)]


def test_jira_data_center_history_becomes_events(con):
    ev = rows(con, "select ticket_id, strftime(\"at\", '%Y-%m-%d %H:%M:%S'), field, from_value, to_value, "
                   "actor_id, is_deferral from ticket_events order by \"at\"")
    assert ev == [
        ("10001", "2025-03-14 13:11:39", "status", "In Progress", "Backlog", "E3", True),
        ("10001", "2025-03-15 09:00:00", "priority", "High", "Low", "ann.lee", True),
        ("10002", "2025-03-16 10:00:00", "duedate", "2025-03-20", "2025-04-20", None, True),
    ]


def test_clockify_durations_past_midnight_and_past_24_hours(con):
    got = rows(con, "select person_id, date::varchar, hours, billable from time_entries "
                    "where source_file like '%Clockify%' order by date")
    assert got == [("E4", "2026-01-21", 4.5, True),          # 10 PM to 2:30 AM: the day it started
                   ("E4", "2026-01-24", 26.25, True),        # 26:15:00, no decimal column value
                   ("E2", "2026-02-02", 1.5, False)]         # no email: matched by the user's name
    assert rows(con, "select reason from rejects where file like '%Clockify%'") == [
        ("Duration (h): '1h30' is not a duration like 07:30:00 or 7.5; fix the cell or re-export the file",)]


def test_tempo_in_english_and_in_german_from_a_latin1_spreadsheet(con):
    got = rows(con, "select person_id, date::varchar, hours, account, activity from time_entries "
                    "where source_file like '%tempo%' order by date, hours")
    assert got == [("E3", "2025-03-17", 2.5, "Acme", "initiative"),
                   ("E2", "2025-03-18", 3.0, "Acme", "operations"),
                   ("E4", "2025-03-18", 7.5, "Acme", "delivery"),   # "7,5", 18.03.2025
                   ("E2", "2025-03-19", 1.25, "Beta", "selling")]
    note = rows(con, "select note from ingest_log where file like '%arbeitszeiten%'")[0][0]
    assert "Windows-1252" in note
    # the file keeps its own name, not the temporary copy's
    assert rows(con, "select count(*) from time_entries where source_file = $f",
                {"f": str(ENCODINGS / "tempo_de" / "tempo-arbeitszeiten-2025-03.csv")}) == [(2,)]


def test_salesforce_footer_is_neither_data_nor_a_reject(con):
    d = {r[0]: r[1:] for r in rows(con, "select deal_id, owner_id, is_won, closed_at::varchar, amount, "
                                        "currency from deals")}
    assert d == {"Acme / Acme expansion": ("E2", True, "2024-03-31", 12500.0, "USD"),
                 "Beta / Beta pilot": ("E2", False, "2024-04-15", 8000.0, "EUR")}
    assert rows(con, "select count(*) from rejects where reason like '%Grand Totals%' "
                     "or raw like '%Grand Totals%' or raw like '%Confidential%'") == [(0,)]
    note = rows(con, "select note from ingest_log where file like '%report171%'")[0][0]
    assert note.startswith("3 footer line(s)") and "the report's own count agrees" in note


def test_workday_manager_from_the_supervisory_organisation(con, hr_con):
    for c in (con, hr_con):
        got = dict(rows(c, "select person_id, manager_id from people where person_id like 'W%'"))
        assert got == {"W1": None, "W2": "W1", "W3": "W2"}
        dept = dict(rows(c, "select person_id, department from people where person_id like 'W%'"))
        assert dept["W3"] == "Professional Services"


def test_org_chart_from_utf16_with_a_self_managed_top(hr_con):
    got = dict(rows(hr_con, "select person_id, manager_id from people where person_id not like 'W%'"))
    assert got == {"1": None, "2": "1", "3": "2", "4": None}
    assert rows(hr_con, "select name from people where person_id = '4'") == [("Dee Müller",)]
    line = rows(hr_con, "select line, file from rejects")
    assert line == [(6, str(ENCODINGS / "orgchart_utf16" / "OrgChart.txt"))]


def test_people_matched_across_sources_and_unmatched_listed(con):
    # one person, four exports, four spellings: id, email (any case), display name, full name
    ann = rows(con, "select count(*) from ("
                    "select assignee_id as p from tickets union all select person_id from time_entries"
                    ") where p = 'E4'")
    assert ann == [(5,)]
    report = check_report(con)
    unmatched = {(u["field"], u["value"]) for u in report["unmatched_people"]}
    assert {("actor_id", "ann.lee"), ("assignee_id", "9003")} <= unmatched


def test_workday_web_service_column_names(tmp_path):
    from orghealth.ingest.explain import explain

    src = tmp_path / "workers.csv"
    src.write_text("Employee_ID,Worker,Email_-_Work,Business_Title,Supervisory_Organization\n"
                   "W1,Jane Doe,jane@w.test,CEO,Office of the CEO (Jane Doe)\n"
                   "W2,Raj Patel,raj@w.test,VP Sales,Office of the CEO (Jane Doe)\n", encoding="utf-8")
    e = explain(src)
    assert e.format_name == "workday_underscored" and (e.rows_read, e.rows_loaded) == (2, 2)
    assert ("Email_-_Work", "email") in e.columns
    rows_shown = {r[e.preview_columns.index("person_id")]: r[e.preview_columns.index("manager_ref")]
                  for r in e.preview}
    assert rows_shown == {"W1": None, "W2": "Jane Doe"}


def test_salesforce_totals_row_as_wide_as_the_data_and_a_count_that_disagrees(tmp_path):
    from orghealth.ingest.explain import explain

    src = tmp_path / "report.csv"
    src.write_bytes(
        b'"Opportunity Owner","Account Name","Opportunity Name","Stage","Amount","Close Date"\r\n'
        b'"Sam Seller","Acme","Acme expansion","Closed Won","1.250,50","31/3/2024"\r\n'
        b'"Grand Totals (2 records)","","","","1.250,50",""\r\n'
        b'"Confidential Information - Do Not Distribute"\r\n')
    e = explain(src)
    assert (e.rows_read, e.rows_loaded, e.rows_rejected) == (1, 1, 0)
    assert "2 footer line(s)" in e.note and "the report says 2 records but 1 were read" in e.note
    row = dict(zip(e.preview_columns, e.preview[0], strict=True))
    assert row["amount"] == 1250.5 and str(row["closed_at"]) == "2024-03-31"    # day first here


def test_data_center_history_takes_the_keys_of_a_jira_csv_export(tmp_path):
    import shutil

    basic = FIXTURES / "exports" / "basic"
    for name in ("Jira Export CSV (all fields) 1.csv", "bamboohr_job_history.csv"):
        shutil.copy(basic / name, tmp_path / name)
    (tmp_path / "issue_history_000002.csv").write_bytes(
        b"issue_id,changelog_id,author_id,author_key,created_date,field,field_type,from,from_string,to,to_string\r\n"
        b"1001,9,,pat@acme.test,2025-03-14T13:11:39Z,status,jira,,Open,,On Hold\r\n"
        b"4242,10,,,2025-03-14T13:11:39Z,status,jira,,Open,,Done\r\n")
    db = tmp_path / "dc.duckdb"
    ingest_paths([tmp_path], db)
    with duckdb.connect(str(db), read_only=True) as c:
        ev = rows(c, "select ticket_id, to_value, is_deferral, actor_id from ticket_events order by 1")
        note = rows(c, "select note from ingest_log where file like '%issue_history%'")[0][0]
    assert ev == [("4242", "Done", False, None), ("PS-1", "On Hold", True, "E3")]
    assert note == "1 event(s) matched to issue keys through the Jira CSV export"


def test_every_export_format_is_listed_in_the_docs():
    from orghealth.ingest.formats import all_formats
    from orghealth.ingest.formats.canonical import load_canonical
    from orghealth.paths import ROOT

    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    table = doc.split("## Exports read with no settings", 1)[1].split("\n## ", 1)[0]
    missing = [f.name for f in all_formats() if f.loader is not load_canonical and f"`{f.name}`" not in table]
    assert missing == []
