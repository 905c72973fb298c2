"""The shared tables built at the end of an ingest: given a few rows, exactly these facts."""

from __future__ import annotations

import datetime as dt

from test_signals_rows import build_rollups, insert, month, new_db, staff

from orghealth import sql


def rows(con, query: str) -> list[tuple]:
    return con.execute(query).fetchall()


def test_rollups_run_in_file_name_order_and_each_has_a_header():
    names = sql.query_names("rollups")
    assert names == sorted(names)
    for name in names:
        text = sql.query_text(name)
        assert text.startswith("-- ")
        for part in ("-- grain:", "-- sources:", "-- params: none"):
            assert part in text, f"{name}: header has no '{part}'"
        assert not sql.query_params(name), f"{name}: a rollup takes no parameters"


def test_hours_keep_people_outside_the_org_chart_and_drop_empty_entries():
    con = new_db()
    staff(con, "p", 1, "Sales", "sales", range(1, 3))
    insert(con, "time_entries", [
        {"person_id": "p0", "date": dt.date(2025, 1, 3), "hours": 2.0, "activity": "selling",
         "account": "Acme", "project": None},
        {"person_id": "p0", "date": dt.date(2025, 1, 9), "hours": 3.0, "activity": "selling",
         "account": "Acme", "project": None},
        {"person_id": "p0", "date": dt.date(2025, 1, 9), "hours": 0.0, "activity": "operations"},
        {"person_id": "p0", "date": dt.date(2025, 2, 2), "hours": 1.5, "activity": None},
        {"person_id": "Jane Doe", "date": dt.date(2025, 1, 5), "hours": 4.0,
         "activity": "delivery", "project": "PRJ-1"},
    ])
    build_rollups(con)
    got = rows(con, "select person_id, month, activity, hours, entries, function, last_date "
                    "from hours_by_person_month order by person_id, month")
    assert got == [
        ("Jane Doe", month(1), "delivery", 4.0, 1, None, dt.date(2025, 1, 5)),
        ("p0", month(1), "selling", 5.0, 2, "sales", dt.date(2025, 1, 9)),
        ("p0", month(2), "other", 1.5, 1, "sales", dt.date(2025, 2, 2)),
    ]
    assert rows(con, "select project, unit, hours from project_hours") == [("PRJ-1", None, 4.0)]
    assert rows(con, "select function, month, hours from hours_by_function_month "
                     "where function = 'sales' order by month") == [
        ("sales", month(1), 5.0), ("sales", month(2), 1.5)]


def test_a_week_belongs_to_the_month_of_its_thursday():
    con = new_db()
    staff(con, "o", 1, "Billing Operations", "ops", range(1, 3))
    insert(con, "time_entries", [
        # Monday 27 Jan to Friday 31 Jan 2025: Thursday the 30th, a January week
        {"person_id": "o0", "date": dt.date(2025, 1, 27), "hours": 8.0},
        {"person_id": "o0", "date": dt.date(2025, 1, 31), "hours": 8.0},
        # Friday 31 Jan 2025 is followed by Monday 3 Feb: a new week, in February
        {"person_id": "o0", "date": dt.date(2025, 2, 3), "hours": 9.0},
        # a weekly timesheet line dated on the Friday of the week of Thursday 27 Feb
        {"person_id": "o0", "date": dt.date(2025, 2, 28), "hours": 40.0},
    ])
    build_rollups(con)
    assert rows(con, "select week, month, hours, function from hours_by_person_week "
                     "order by week") == [
        (dt.date(2025, 1, 27), month(1), 16.0, "ops"),
        (dt.date(2025, 2, 3), month(2), 9.0, "ops"),
        (dt.date(2025, 2, 24), month(2), 40.0, "ops"),
    ]


def test_ticket_owner_falls_back_from_assignee_to_reporter_to_its_team_field():
    con = new_db()
    staff(con, "a", 1, "Professional Services - South", "ps", range(1, 3))
    staff(con, "r", 1, "Customer Support", "support", range(1, 3))
    created = dt.datetime(2025, 1, 10, 9)
    insert(con, "tickets", [
        {"ticket_id": "T-1", "created_at": created, "assignee_id": "a0", "reporter_id": "r0"},
        {"ticket_id": "T-2", "created_at": created, "assignee_id": "Unknown Person",
         "reporter_id": "r0"},
        {"ticket_id": "T-3", "created_at": created, "team": "Order Management"},
        {"ticket_id": "T-4", "created_at": created, "resolved_at": created,
         "resolution": "Won't Do"},
        {"ticket_id": "T-5", "created_at": created, "resolved_at": created, "resolution": "Done"},
    ])
    build_rollups(con)
    got = rows(con, "select ticket_id, owner_unit, owner_function, reporter_function, "
                    "is_closed_unresolved, created_month from ticket_facts order by ticket_id")
    assert got == [
        ("T-1", "Professional Services - South", "ps", "support", False, month(1)),
        ("T-2", "Customer Support", "support", "support", False, month(1)),
        ("T-3", "Order Management", None, None, False, month(1)),
        ("T-4", None, None, None, True, month(1)),
        ("T-5", None, None, None, False, month(1)),
    ]


def test_unit_months_count_people_once_per_team_and_function():
    con = new_db()
    staff(con, "n", 3, "Professional Services - North", "ps", range(1, 3))
    staff(con, "m", 1, "Professional Services - North", "exec", range(2, 3))
    build_rollups(con)
    assert rows(con, "select month, function, people from unit_months order by month, function") == [
        (month(1), "ps", 3), (month(2), "exec", 1), (month(2), "ps", 3)]
