"""The dashboard's own read queries (queries/views), on a handful of inline rows."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from orghealth import sql

JAN, FEB = dt.date(2026, 1, 1), dt.date(2026, 2, 1)
INSERT = ("insert into person_months (month, person_id, name, department, title, function, "
          "unit, manager_id, depth, reports_into_sales) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


@pytest.fixture()
def con():
    c = duckdb.connect()
    c.execute("""create table person_months (month date, person_id varchar, name varchar,
        department varchar, title varchar, function varchar, unit varchar, manager_id varchar,
        depth integer, chain_ids varchar[], chain_functions varchar[], leader_function varchar,
        reports_into_sales boolean)""")
    rows = []
    for month in (JAN, FEB):
        moved = month == FEB  # the head of PS North moves under the VP Sales in February
        rows += [
            (month, "1", "Ceo", "Office of the CEO", "CEO", "exec", "Office of the CEO", None, 0, False),
            (month, "2", "Vp", "Sales", "VP Sales", "sales", "Sales", "1", 1, False),
            (month, "3", "Rep", "Sales", "AE", "sales", "Sales", "2", 2, False),
            (month, "4", "Coo", "Office of the CEO", "COO", "exec", "Office of the CEO", "1", 1, False),
            (month, "5", "Nora", "PS North", "Head", "ps", "PS North", "2" if moved else "4",
             2, moved),
            (month, "6", "Nils", "PS North", "Consultant", "ps", "PS North", "5", 3, moved),
            (month, "7", "Sue", "PS South", "Head", "ps", "PS South", "4", 2, False),
            # two teams whose heads report into each other: a broken line, not a loop
            (month, "8", "Xa", "Loop A", "Lead", "other", "Loop A", "9", None, False),
            (month, "9", "Xb", "Loop B", "Lead", "other", "Loop B", "8", None, False),
        ]
    c.executemany(INSERT, rows)
    return c


def test_org_tree_nests_teams_by_their_heads_reporting_line(con):
    tree = sql.run(con, "views/org_tree", {"month": FEB, "min_group_size": 1})
    parent = parents(tree)
    assert parent["Office of the CEO"] is None
    assert parent["Sales"] == "Office of the CEO"
    assert parent["PS North"] == "Sales"
    assert parent["PS South"] == "Office of the CEO"
    assert parent["Loop A"] is None and parent["Loop B"] is None
    flagged = set(tree.filter("ps_under_sales")["unit"])
    assert flagged == {"PS North"}
    assert dict(zip(tree["unit"], tree["headcount"], strict=True))["PS North"] == 2


def parents(tree) -> dict:
    """unit -> parent unit, through the name-free ids."""
    name = dict(zip(tree["unit_id"], tree["unit"], strict=True))
    return {name[u]: name.get(p) for u, p in zip(tree["unit_id"], tree["parent_id"],
                                                  strict=True)}


def test_org_tree_does_not_name_teams_under_the_minimum(con):
    tree = sql.run(con, "views/org_tree", {"month": FEB, "min_group_size": 2})
    assert "PS South" not in tree["unit"].to_list()  # one person
    assert "A team of fewer than 2 people" in tree["unit"].to_list()
    assert not any("PS South" in str(v) for v in tree["unit_id"].to_list()
                   + tree["parent_id"].to_list())
    assert "PS North" in tree["unit"].to_list()


def test_org_tree_before_the_move(con):
    tree = sql.run(con, "views/org_tree", {"month": JAN, "min_group_size": 1})
    assert parents(tree)["PS North"] == "Office of the CEO"
    assert not tree["ps_under_sales"].any()


def test_reporting_changes_count_the_move_under_sales(con):
    changes = sql.run(con, "views/reporting_changes",
                      {"date_from": JAN, "date_to": dt.date(2026, 12, 31), "min_group_size": 1})
    rows = {(r["unit"], r["kind"]): r for r in changes.iter_rows(named=True)}
    assert set(rows) == {("PS North", "moved_into_sales")}
    assert rows[("PS North", "moved_into_sales")]["people"] == 2
    assert rows[("PS North", "moved_into_sales")]["month"] == FEB
    outside = sql.run(con, "views/reporting_changes",
                      {"date_from": dt.date(2026, 3, 1), "date_to": dt.date(2026, 12, 31),
                       "min_group_size": 1})
    assert outside.is_empty()


def test_layers(con):
    layers = sql.run(con, "views/org_layers", {"month": FEB})
    assert layers.filter(layer=0)["headcount"].to_list() == [1]


def test_teams_and_months(con):
    teams = sql.run(con, "views/teams", {"min_group_size": 2})
    assert set(teams["unit"]) >= {"Sales", "PS North"}
    assert "PS South" not in set(teams["unit"])  # one person: not offered as a filter
    assert sql.run(con, "views/months")["month"].to_list() == [JAN, FEB]
