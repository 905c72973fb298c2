"""The reporting-line case's SQL on a small company written inline, with answers known by hand.

The company: PS North and PS South (8 people each) and 6 salespeople, January to December 2024.
In the moved variant North's head reports into Sales from July; its warnings then thin out,
its initiatives get put off, and one of its warnings ends in an escalation blamed on PS.
"""

from __future__ import annotations

from datetime import date

import duckdb
import polars as pl
import pytest

from orghealth import db, sql

NORTH, SOUTH = "Professional Services - North", "Professional Services - South"
MOVE = date(2024, 7, 1)
PEOPLE = 8


def _warned(unit: str, i: int, m: int, moved: bool) -> bool:
    """Does person i of a unit raise a warning in month m (1-12)?"""
    if unit == NORTH and moved and m >= 7:
        return (i + m) % 10 == 0
    return (i + m) % 2 == 0


def _deferred_twice(unit: str, i: int, m: int, moved: bool) -> bool:
    if unit == NORTH and moved and m >= 7:
        return i % 4 != 0
    return i % 8 == 0


def build_company(con: duckdb.DuckDBPyConnection, *, moved: bool = True) -> None:
    """Canonical tables, person_months and the shared rollups for the small company."""
    db.create_schema(con)
    months = [date(2024, m, 1) for m in range(1, 13)]
    pm, tickets, entries = [], [], []
    for unit, code in ((NORTH, "n"), (SOUTH, "s")):
        for i in range(1, PEOPLE + 1):
            pid = f"{code}{i}"
            for m, month in enumerate(months, 1):
                under = unit == NORTH and moved and month >= MOVE
                pm.append((month, pid, f"Person {pid}", unit, "Consultant", "ps", under))
                if _warned(unit, i, m, moved):
                    tickets.append((f"W-{pid}-{m}", month, pid, None, ["risk"], 0, True, False,
                                    False, None, None, None, None))
                deferrals = 2 if _deferred_twice(unit, i, m, moved) else 0
                tickets.append((f"I-{pid}-{m}", month, pid, None, ["health-check"], deferrals,
                                False, True, False, None, None, None, None))
                entries.append((pid, month, 20.0, f"ACC-{code}", None, "delivery"))
    for i in range(1, 7):
        pid = f"r{i}"
        for m, month in enumerate(months, 1):
            pm.append((month, pid, f"Rep {i}", "Sales", "Account Executive", "sales", False))
            ops = 12.0 if moved and m in (9, 10) else 2.0
            entries.append((pid, month, ops, None, None, "operations"))
            entries.append((pid, month, 40.0 - ops, None, None, "selling"))
    # a warning North raised on its account, closed "Won't Do", then an escalation blamed on PS
    tickets += [
        ("W-X", date(2024, 8, 1), "n1", None, ["risk"], 0, True, False, False, None,
         "Won't Do", date(2024, 8, 10), "ACC-n"),
        ("E-X", date(2024, 9, 15), "r1", None, [], 0, False, False, True, "ps", None, None,
         "ACC-n"),
        # a warning that was done does not make its escalation a flagged-then-blamed case
        ("W-Y", date(2024, 8, 1), "s1", None, ["risk"], 0, True, False, False, None, "Done",
         date(2024, 8, 3), "ACC-s"),
        ("E-Y", date(2024, 9, 20), "r2", None, [], 0, False, False, True, "ps", None, None,
         "ACC-s"),
        ("E-Z", date(2024, 9, 21), "r2", None, [], 0, False, False, True, "engineering", None,
         None, "ACC-s"),
        # an ordinary Sales ticket late in December: the data covers December as a whole month
        # (a period ending in a month's first days leaves that month out)
        ("T-LAST", date(2024, 12, 20), "r1", None, [], 0, False, False, False, None, None, None,
         None),
    ]
    con.execute("""
        create table person_months (month date, person_id varchar, name varchar, unit varchar,
            title varchar, function varchar, reports_into_sales boolean, department varchar,
            manager_id varchar, depth integer, chain_ids varchar[], chain_functions varchar[],
            leader_function varchar)""")
    # whole lists go in through polars: row-by-row inserts are slow
    _insert(con, "person_months", ["month", "person_id", "name", "unit", "title", "function",
                                   "reports_into_sales"], pm)
    _insert(con, "tickets", ["ticket_id", "created_at", "reporter_id", "assignee_id", "labels",
                             "deferral_count", "is_proactive_warning", "is_initiative",
                             "is_escalation", "blamed_function", "resolution", "resolved_at",
                             "account"], tickets)
    _insert(con, "time_entries", ["person_id", "date", "hours", "account", "project",
                                  "activity"], entries)
    # projects on North's account: closed Jan (live in 90 days), Feb (stalled), Oct (too recent)
    con.executemany("insert into deals (deal_id, account, closed_at, is_won, estimated_hours) "
                    "values (?, ?, ?, true, ?)",
                    [("D1", "ACC-n", date(2024, 1, 10), 100.0),
                     ("D2", "ACC-n", date(2024, 2, 10), 100.0),
                     ("D3", "ACC-n", date(2024, 10, 1), 100.0)])
    con.executemany("insert into projects (project_id, deal_id, account, go_live_at, "
                    "estimated_hours) values (?, ?, ?, ?, ?)",
                    [("P1", "D1", "ACC-n", date(2024, 4, 9), 100.0),
                     ("P2", "D2", "ACC-n", None, 100.0),
                     ("P3", "D3", "ACC-n", date(2024, 11, 1), 100.0)])
    con.executemany("insert into time_entries (person_id, date, hours, account, project, "
                    "activity) values (?, ?, ?, ?, ?, ?)",
                    [("n2", date(2024, 2, 5), 150.0, "ACC-n", "P1", "delivery")])
    for name in sql.query_names("rollups"):
        sql.execute_script(con, name)


def _insert(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], rows: list) -> None:
    frame = pl.DataFrame(rows, schema=columns, orient="row", infer_schema_length=None)
    con.register("_rows", frame.to_arrow())
    con.execute(f"insert into {table} by name select * from _rows")  # noqa: S608 (test names)
    con.unregister("_rows")


@pytest.fixture(scope="module")
def con():
    c = duckdb.connect()
    build_company(c)
    yield c
    c.close()


def test_unit_months_find_the_move_from_the_people_history(con):
    um = sql.run(con, "compare/ps_unit_months")
    north = um.filter(pl.col("unit") == NORTH)
    south = um.filter(pl.col("unit") == SOUTH)
    assert north["moved_at"].unique().to_list() == [MOVE]
    assert south["moved_at"].null_count() == south.height
    assert north.filter(pl.col("month") < MOVE)["is_under_sales"].sum() == 0
    assert north.filter(pl.col("month") >= MOVE)["is_under_sales"].all()
    assert um["headcount"].unique().to_list() == [PEOPLE]


def test_proactive_warnings_per_unit_month_include_zero_months(con):
    rows = sql.run(con, "compare/proactive_warnings")
    assert rows.height == 24                             # 2 units x 12 months, zeros kept
    assert rows["people"].unique().to_list() == [PEOPLE]
    for unit in (NORTH, SOUTH):
        for m in range(1, 13):
            expected = sum(_warned(unit, i, m, True) for i in range(1, PEOPLE + 1))
            expected += unit == NORTH and m == 8         # the extra warning W-X
            expected += unit == SOUTH and m == 8         # and W-Y
            got = rows.filter((pl.col("unit") == unit) & (pl.col("month") == date(2024, m, 1)))
            assert got["warnings"].item() == expected, (unit, m)


def test_initiative_deferrals_use_the_shared_deferral_count(con):
    rows = sql.run(con, "compare/initiative_deferrals")
    assert rows.height == 2 * PEOPLE * 12
    north_after = rows.filter((pl.col("unit") == NORTH) & (pl.col("month") >= MOVE))
    assert north_after["deferred_twice"].sum() == 6 * 6
    assert north_after.filter(pl.col("deferred_twice") == 1)["deferrals"].unique().to_list() == [2]
    assert rows.filter(pl.col("unit") == SOUTH)["deferred_twice"].sum() == 12


def test_flagged_then_blamed_counts_only_ignored_warnings(con):
    rows = sql.run(con, "compare/flagged_then_blamed")
    assert rows.height == 24
    hit = rows.filter(pl.col("cases") > 0)
    assert hit.select("unit", "month", "cases").rows() == [(NORTH, date(2024, 9, 1), 1)]
    assert hit["escalations"].to_list() == [["E-X"]]


def test_escalation_blame_is_by_the_unit_serving_the_account(con):
    rows = sql.run(con, "compare/escalation_blame").sort("ticket_id")
    assert rows.select("ticket_id", "unit", "blamed_on_ps").rows() == [
        ("E-X", NORTH, 1), ("E-Y", SOUTH, 1), ("E-Z", SOUTH, 0)]
    # 16 of 22 people are PS
    assert rows["ps_headcount_share"].unique().to_list() == [pytest.approx(16 / 22)]


def test_time_to_live_keeps_stalled_projects_and_drops_recent_ones(con):
    rows = sql.run(con, "compare/time_to_live").sort("project_id")
    assert rows["project_id"].to_list() == ["P1", "P2"]   # P3 closed under 180 days before the end
    assert rows["days_to_live"].to_list() == [90, (date(2024, 12, 31) - date(2024, 2, 10)).days]
    assert rows["is_stalled"].to_list() == [False, True]


def test_estimate_overrun_is_actual_over_estimate_for_live_projects(con):
    rows = sql.run(con, "compare/estimate_overrun")
    assert rows.select("project_id", "unit").rows() == [("P1", NORTH)]
    assert rows["overrun"].item() == pytest.approx(0.5)


def test_sales_operations_time_per_rep_month(con):
    rows = sql.run(con, "compare/sales_operations_time")
    assert rows.height == 6 * 12
    assert rows["hours"].unique().to_list() == [40.0]
    sept = rows.filter(pl.col("month") == date(2024, 9, 1))
    assert sept["operations_hours"].unique().to_list() == [12.0]


@pytest.mark.parametrize("name", sql.query_names("compare"))
def test_every_compare_query_has_a_header_and_runs(con, name):
    text = sql.query_text(name)
    for key in ("-- grain:", "-- sources:", "-- params:"):
        assert key in text, f"{name} lacks '{key}'"
    assert text.lstrip().startswith(f"-- {name.split('/')[1]}:")
    sql.run(con, name)
