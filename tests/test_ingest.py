"""Ingest of hand-written exports with real quirks: exact row accounting, rejects with lines."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from orghealth.ingest import ingest_paths

BASIC = Path(__file__).parent / "fixtures" / "exports" / "basic"


@pytest.fixture(scope="module")
def basic_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("basic") / "basic.duckdb"
    ingest_paths([BASIC], db)
    return db


@pytest.fixture(scope="module")
def con(basic_db):
    c = duckdb.connect(str(basic_db), read_only=True)
    yield c
    c.close()


def rows(con, q, params=None):
    return con.execute(q, params or {}).fetchall()


def test_every_file_accounts_for_every_row(con):
    log = {Path(f).name: (read, loaded, rej) for f, read, loaded, rej in rows(
        con, "select file, rows_read, rows_loaded, rows_rejected from ingest_log "
             "where target_table <> 'ticket_events'")}
    assert log == {
        "bamboohr_job_history.csv": (9, 8, 1),
        "Jira Export CSV (all fields) 1.csv": (5, 3, 2),
        "Jira Export CSV (all fields) 2.csv": (2, 1, 1),
        "projects.csv": (2, 1, 1),
        "harvest_time_report_from2025-01-01to2025-03-31.csv": (5, 4, 1),
        "jira-search-changelog.json": (4, 2, 2),
    }
    for read, loaded, rej in log.values():
        assert read == loaded + rej
    per_file = dict(rows(con, "select file, count(*) from rejects group by file"))
    for f, rej in rows(con, "select file, sum(rows_rejected) from ingest_log group by file"):
        assert per_file.get(f, 0) == rej


def test_rejects_name_the_physical_line_even_after_quoted_newlines(con):
    got = {(Path(f).name, line): reason for f, line, reason in rows(con, "select file, line, reason from rejects")}
    jira = "Jira Export CSV (all fields) 1.csv"
    # the first issue spans lines 2-3 (a line break inside its description)
    assert got[(jira, 5)].startswith("Created: '31/Foo/25 1:00 PM' is not a date like 22/Dec/25 2:38 PM")
    assert got[(jira, 6)] == "duplicate of line 2 (same issue key PS-1); keep one of the two rows"
    assert "fewer cells" in got[("Jira Export CSV (all fields) 2.csv", 3)]
    assert got[("harvest_time_report_from2025-01-01to2025-03-31.csv", 5)].startswith("Hours: 'two' is not a number")
    assert got[("bamboohr_job_history.csv", 10)].startswith("Effective Date: '31/31/2024'")
    assert got[("projects.csv", 3)].startswith("started_at: '2025-02-30'")


def test_rejected_rows_keep_the_raw_row(con):
    raw = rows(con, "select raw from rejects where reason like 'Hours:%'")[0][0]
    assert '"Hours":"two"' in raw


def test_repeated_columns_fold_across_files_of_different_widths(con):
    labels = dict(rows(con, "select ticket_id, labels from tickets"))
    assert labels["PS-1"] == ["qbr", "initiative"]
    assert labels["PS-10"] == ["billable", "upsell", "change-order", "customer-request"]
    sprints = dict(rows(con, "select ticket_id, sprint_count from tickets"))
    assert sprints["PS-1"] == 2 and sprints["PS-10"] == 1


def test_jira_and_spreadsheet_dates_and_decimal_comma(con):
    created = dict(rows(con, "select ticket_id, strftime(created_at, '%Y-%m-%d %H:%M') from tickets"))
    assert created["PS-1"] == "2025-01-02 09:15"
    assert created["PS-4"] == "2025-01-05 10:10"          # re-saved as 2025/01/05 10:10
    hours = rows(con, "select hours from time_entries where person_id = 'E2' and task = 'Order entry'")
    assert hours == [(7.5,)]                                # "7,5"
    dates = rows(con, "select date::varchar from time_entries where task = 'Demo'")
    assert dates == [("2025-01-07",)]                       # 07.01.2025


def test_names_resolve_to_people_and_unmatched_are_kept(con):
    t = dict(rows(con, "select ticket_id, reporter_id from tickets"))
    assert t["PS-1"] == "E3"                                # "Pat Delivery"
    assert rows(con, "select person_id from time_entries where task = 'Order entry'") == [("E2",)]
    unmatched = rows(con, "select field, value from unmatched_refs order by 1, 2")
    assert ("person_id", "Zed Unknown") in unmatched
    assert ("manager_id", "Ghost Person") in unmatched
    assert rows(con, "select person_id from time_entries where task = 'Prospecting'") == [("Zed Unknown",)]


def test_reporting_line_history_from_effective_dates(con):
    pat = rows(con, "select manager_id, valid_from::varchar, valid_to::varchar from people "
                    "where person_id = 'E3' order by valid_from")
    assert pat == [("E1", "2024-01-01", "2025-02-01"), ("E2", "2025-02-01", None)]
    omar = rows(con, "select valid_to::varchar from people where person_id = 'E5'")
    assert omar == [("2024-10-01",)]                         # terminated 09/30/2024


def test_person_months_follow_a_reorg(con):
    before = rows(con, "select chain_ids, chain_functions, reports_into_sales, leader_function "
                       "from person_months where person_id = 'E4' and month = '2025-01-01'")
    after = rows(con, "select chain_ids, chain_functions, reports_into_sales, leader_function "
                      "from person_months where person_id = 'E4' and month = '2025-02-01'")
    assert before == [(["E3", "E1"], ["ps", "exec"], False, "exec")]
    assert after == [(["E3", "E2", "E1"], ["ps", "sales", "exec"], True, "sales")]


def test_functions_from_titles_and_departments(con):
    f = dict(rows(con, "select person_id, any_value(function) from people group by 1"))
    assert f == {"E1": "exec", "E2": "sales", "E3": "ps", "E4": "ps", "E5": "ops",
                 "E6": "presales", "E7": "support"}


def test_ticket_classes_blame_and_deferrals(con):
    t = {r[0]: r[1:] for r in rows(con, "select ticket_id, is_initiative, is_revenue, "
                                        "is_proactive_warning, is_escalation, blamed_function, "
                                        "deferral_count from tickets")}
    # two sprints (carried over once, also in the history), moved to Backlog, priority
    # lowered, due date pushed: four deferrals, each counted once
    assert t["PS-1"] == (True, False, False, False, None, 4)
    assert t["PS-2"] == (False, False, False, True, "ps", 0)     # rca-ps label
    assert t["PS-4"] == (False, False, True, False, "ps", 0)     # Root Cause Team field
    assert t["PS-10"][1] is True


def test_jira_json_merges_with_the_csv_and_brings_history(con):
    log = rows(con, "select target_table, rows_read, rows_loaded, rows_rejected, note from ingest_log "
                    "where file like '%.json' order by target_table")
    assert log[0][:4] == ("ticket_events", 7, 6, 1)
    assert log[1][:4] == ("tickets", 4, 2, 2) and "merged" in log[1][4]
    assert rows(con, "select count(*) from tickets where ticket_id = 'PS-1'") == [(1,)]
    ev = rows(con, "select field, is_deferral, actor_id from ticket_events where ticket_id = 'PS-20' "
                   "order by field")
    assert ev == [("priority", False, "E2"), ("status", True, "E2")]
    assert rows(con, "select strftime(created_at, '%H:%M') from tickets where ticket_id = 'PS-20'") == [
        ("07:00",)]                                             # 08:00+0100 in UTC
    reasons = [r for (r,) in rows(con, "select reason from rejects where file like '%.json'")]
    assert any(r.startswith("issue PS-21: created 'yesterday'") for r in reasons)
    assert "duplicate: issue key PS-20 appears earlier in this file; keep one of the two" in reasons


def test_time_activities(con):
    got = dict(rows(con, "select task, activity from time_entries"))
    assert got == {"Implementation": "delivery", "Order entry": "operations", "Demo": "selling",
                   "Prospecting": "selling"}


def test_rule_hits_count_matches(con):
    hits = dict(((s, c, w), n) for s, c, w, n in rows(
        con, "select rule_set, class, pattern, matched from rule_hits"))
    assert hits[("ticket", "revenue", "upsell")] == 1
    assert hits[("time", "selling", "demo")] == 1
    assert hits[("ticket", "expectation_mismatch", "oversold")] == 0


def test_failed_ingest_leaves_the_previous_database(tmp_path, basic_db, monkeypatch):
    db = tmp_path / "kept.duckdb"
    shutil.copy(basic_db, db)
    before = db.read_bytes()
    from orghealth import classify

    def boom(*a, **k):
        raise RuntimeError("injected failure mid-ingest")

    monkeypatch.setattr(classify, "apply_all", boom)
    with pytest.raises(RuntimeError):
        ingest_paths([BASIC], db)
    assert db.read_bytes() == before
    with duckdb.connect(str(db), read_only=True) as c:
        assert c.execute("select count(*) from tickets").fetchall() == [(5,)]
    assert not list(tmp_path.glob(".kept.duckdb.building*"))


@pytest.mark.parametrize("text, order, expected", [
    ("1/2/25", "mdy", "2025-01-02"),
    ("1/2/25", "dmy", "2025-02-01"),
    ("2025/03/17 10:10", "mdy", "2025-03-17"),
    ("26.01.2015", "mdy", "2015-01-26"),
    ("03/Mar/25 12:00 AM", "mdy", "2025-03-03"),
    ("45751", "dmy", None),
])
def test_date_texts(text, order, expected):
    from orghealth.ingest import BASE_MACROS, define_parsers

    c = duckdb.connect()
    c.execute(BASE_MACROS)
    define_parsers(c, order)
    assert c.execute("select oh_date($t)::varchar", {"t": text}).fetchall() == [(expected,)]
