"""Reporting-line queries on a small org with a reorg, a cycle, an unknown manager and a self-manager."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from orghealth import sql
from orghealth.ingest import ingest_paths

ORG = Path(__file__).parent / "fixtures" / "exports" / "org"


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    db = tmp_path_factory.mktemp("org") / "org.duckdb"
    ingest_paths([ORG], db)
    c = duckdb.connect(str(db), read_only=True)
    yield c
    c.close()


def test_chain_at_a_date_follows_the_reorg(con):
    before = sql.run(con, "org/org_chain", {"as_of": "2024-03-31"}).filter(person_id="P4")
    after = sql.run(con, "org/org_chain", {"as_of": "2024-04-01"}).filter(person_id="P4")
    assert before["manager_id"].to_list() == ["P3", "P1"]
    assert after["manager_id"].to_list() == ["P3", "P2", "P1"]
    assert after["manager_function"].to_list() == ["ps", "sales", "exec"]


def test_a_cycle_ends_the_walk_instead_of_hanging(con):
    chain = sql.run(con, "org/org_chain", {"as_of": "2024-05-01"})
    assert chain.filter(person_id="P10")["manager_id"].to_list() == ["P7", "P6"]
    assert chain.filter(person_id="P6")["manager_id"].to_list() == ["P7"]
    assert chain.filter(person_id="P9")["manager_not_found"].to_list() == [True]


def test_person_months_before_and_after_the_reorg(con):
    rows = con.execute(
        "select month::varchar, depth, chain_functions, reports_into_sales, leader_function "
        "from person_months where person_id = 'P4' order by month").fetchall()
    by_month = {r[0]: r[1:] for r in rows}
    assert by_month["2024-03-01"] == (2, ["ps", "exec"], False, "exec")
    assert by_month["2024-04-01"] == (3, ["ps", "sales", "exec"], True, "sales")
    assert list(by_month) == [f"2024-0{m}-01" for m in range(1, 7)]   # the data window


def test_person_months_has_the_documented_columns(con):
    cols = [r[0] for r in con.execute("describe person_months").fetchall()]
    for c in ("month", "person_id", "name", "department", "title", "function", "unit",
              "manager_id", "depth", "chain_ids", "chain_functions", "leader_function",
              "reports_into_sales"):
        assert c in cols
    assert con.execute("select count(*) from person_months where person_id = 'P1' "
                       "and depth = 0 and function = 'exec'").fetchall() == [(6,)]


def test_org_problems(con):
    p = sql.run(con, "org/org_problems")
    kinds = {(r["kind"], tuple(r["people"])) for r in p.to_dicts()}
    assert kinds == {("cycle", ("P6", "P7")), ("orphan", ("P9",)), ("self_manager", ("P8",))}


def test_spans_and_layers(con):
    s = {r["manager_id"]: r for r in sql.run(con, "org/spans_layers", {"as_of": "2024-05-01"}).to_dicts()}
    assert s["P3"]["direct_reports"] == 2 and s["P3"]["layer"] == 2
    assert s["P1"]["direct_reports"] == 1 and s["P1"]["total_reports"] == 4
    assert s["P2"]["direct_reports"] == 1 and s["P2"]["total_reports"] == 3


def test_reporting_changes(con):
    ch = sql.run(con, "org/reporting_changes").to_dicts()
    assert len(ch) == 1
    c = ch[0]
    assert (c["person_id"], str(c["changed_at"]), c["from_manager_id"], c["to_manager_id"]) == (
        "P3", "2024-04-01", "P1", "P2")
    assert (c["from_manager_function"], c["to_manager_function"]) == ("exec", "sales")
