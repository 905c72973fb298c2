"""Building blocks for the signal tests: a tiny company in an in-memory database, row by row.

The helpers write canonical rows (queries/schema.sql) and person_months rows with the columns
of docs/architecture.md, then build the rollups exactly as an ingest does.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl

from orghealth import sql
from orghealth.db import create_schema

PERSON_MONTHS_DDL = """
create table if not exists person_months (
    month date, person_id varchar, name varchar, department varchar, title varchar,
    function varchar, unit varchar, manager_id varchar, depth integer,
    chain_ids varchar[], chain_functions varchar[], leader_function varchar,
    reports_into_sales boolean
)
"""


def month(i: int, start: dt.date = dt.date(2025, 1, 1)) -> dt.date:
    """The i-th month counted from ``start`` (1 = start)."""
    m = start.month - 1 + i - 1
    return dt.date(start.year + m // 12, m % 12 + 1, 1)


def new_db() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    create_schema(con)
    con.execute(PERSON_MONTHS_DDL)
    return con


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    frame = pl.DataFrame(rows, infer_schema_length=None)  # noqa: F841 (read by DuckDB below)
    con.execute(f"insert into {table} by name select * from frame")  # noqa: S608 (test tables)


def staff(
    con: duckdb.DuckDBPyConnection,
    prefix: str,
    count: int,
    unit: str,
    function: str,
    months: range,
    *,
    under_sales: callable = lambda m: False,  # noqa: B008
) -> list[str]:
    """``count`` people in ``unit`` for the given month numbers; returns their ids."""
    ids = [f"{prefix}{i}" for i in range(count)]
    rows = []
    for pid in ids:
        for m in months:
            rows.append({
                "month": month(m), "person_id": pid, "name": f"Person {pid}",
                "department": unit, "title": function, "function": function, "unit": unit,
                "manager_id": "boss", "depth": 2, "chain_ids": ["boss", "ceo"],
                "chain_functions": ["sales" if under_sales(m) else "ops", "exec"],
                "leader_function": "sales" if under_sales(m) else "ops",
                "reports_into_sales": bool(under_sales(m)),
            })
    insert(con, "person_months", rows)
    insert(con, "people", [
        {"person_id": pid, "name": f"Person {pid}", "department": unit, "function": function,
         "manager_id": "boss", "valid_from": month(months[0])}
        for pid in ids
    ])
    return ids


def hours(con, person_ids, months, activity: str, h: float, **extra) -> None:
    """Each person logs ``h`` hours of ``activity`` on the 20th of each month."""
    insert(con, "time_entries", [
        {"person_id": pid, "date": month(m).replace(day=20), "hours": float(h),
         "activity": activity, **extra}
        for pid in person_ids for m in months
    ])


def build_rollups(con: duckdb.DuckDBPyConnection) -> None:
    for name in sql.query_names("rollups"):
        sql.execute_script(con, name)


def test_a_tiny_company_builds_every_rollup():
    con = new_db()
    ids = staff(con, "p", 3, "Professional Services - North", "ps", range(1, 4))
    hours(con, ids, range(1, 4), "delivery", 100, project="P1", account="Acme")
    insert(con, "tickets", [{"ticket_id": "T-1", "created_at": dt.datetime(2025, 1, 5),
                              "assignee_id": ids[0], "deferral_count": 3}])
    insert(con, "ticket_events", [
        {"ticket_id": "T-1", "at": dt.datetime(2025, 2, d), "field": "status",
         "is_deferral": d > 1} for d in (1, 3, 9)
    ])
    build_rollups(con)
    assert con.execute("select sum(hours) from hours_by_person_month").fetchone()[0] == 900
    facts = con.execute(
        "select owner_unit, owner_function, deferral_count, first_deferral_at from ticket_facts"
    ).fetchone()
    assert facts == ("Professional Services - North", "ps", 3, dt.datetime(2025, 2, 3))


def small_company() -> duckdb.DuckDBPyConnection:
    """A year of a small company with a little of everything every sign reads."""
    con = new_db()
    months = range(1, 13)
    north = staff(con, "n", 6, "Professional Services - North", "ps", months,
                  under_sales=lambda m: m >= 7)
    south = staff(con, "s", 6, "Professional Services - South", "ps", months)
    sales = staff(con, "a", 6, "Sales", "sales", months, under_sales=lambda m: True)
    ops = staff(con, "o", 5, "Order Management", "ops", months)
    pre = staff(con, "e", 5, "Solutions Engineering", "presales", months,
                under_sales=lambda m: m >= 6)
    for group in (north, south):
        hours(con, group, months, "delivery", 120, project="PRJ-1", account="Acme")
        hours(con, group[:3], months, "scoping", 6, account="Acme")
    hours(con, sales, months, "selling", 120)
    hours(con, sales[:2], range(6, 9), "operations", 60, task="Order follow-up")
    hours(con, ops, months, "operations", 170)
    hours(con, pre, range(1, 6), "scoping", 60)
    hours(con, pre, months, "selling", 100)
    tickets, n = [], 0
    for m in months:
        for i, pid in enumerate(north + south):
            n += 1
            tickets.append({
                "ticket_id": f"T-{n}", "created_at": dt.datetime.combine(month(m), dt.time(9)),
                "assignee_id": pid, "reporter_id": pid, "account": "Acme",
                "is_initiative": i % 2 == 0, "is_revenue": i % 2 == 1,
                "is_proactive_warning": i % 3 == 0 and (m < 7 or pid in south),
                "deferral_count": 2 if (pid in north and m >= 7 and i % 2 == 0) else 0,
            })
        for pid in ops:
            n += 1
            tickets.append({
                "ticket_id": f"T-{n}", "created_at": dt.datetime.combine(month(m), dt.time(9)),
                "assignee_id": pid, "reporter_id": pid, "account": "Acme",
                "resolved_at": dt.datetime.combine(month(m), dt.time(9)) + dt.timedelta(days=20),
            })
        n += 1
        tickets.append({
            "ticket_id": f"T-{n}", "created_at": dt.datetime.combine(month(m), dt.time(12)),
            "account": "Acme", "is_escalation": True, "type": "Escalation",
            "blamed_function": "ps" if m % 2 else "engineering",
        })
    insert(con, "tickets", tickets)
    deals, projects = [], []
    for i in range(24):
        closed = month(1 + i // 2).replace(day=15)
        risky = i % 3 == 0
        deals.append({
            "deal_id": f"D-{i}", "account": "Acme", "owner_id": sales[i % 6], "is_won": True,
            "closed_at": closed, "promised_go_live": closed + dt.timedelta(days=60),
            "scope_changed_at_close": risky, "delivery_consulted": not risky,
            "estimated_hours": 100.0,
        })
        if i < 16:
            projects.append({
                "project_id": f"PRJ-{i}", "deal_id": f"D-{i}", "account": "Acme",
                "started_at": closed, "estimated_hours": 100.0,
                "go_live_at": closed + dt.timedelta(days=150 if risky else 55),
                "scoped_by": [sales[i % 6]] if risky else [sales[i % 6], pre[i % 5]],
            })
    insert(con, "deals", deals)
    insert(con, "projects", projects)
    build_rollups(con)
    return con
