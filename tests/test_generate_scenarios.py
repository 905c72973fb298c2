"""The troubled company and its healthy twin differ only by the planted causes, checked on the
raw files (the signal-level checks live with the signals)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from orghealth.paths import SAMPLE_DATA_DIR

NORTH = "Professional Services - North"


@pytest.fixture(scope="module")
def both(healthy_dir) -> dict[str, Path]:
    return {"troubled": SAMPLE_DATA_DIR, "healthy": healthy_dir}


def sql(query: str, folder: Path) -> list[tuple]:
    con = duckdb.connect()
    return con.sql(query.replace("DIR", str(folder))).fetchall()


def hr(folder: Path) -> str:
    return f"read_csv('{folder}/hr/bamboohr_job_history.csv', all_varchar=true)"


def test_ps_north_moves_under_the_vp_sales_only_when_troubled(both):
    query = """
        select h."Effective Date" from {hr} h
        join {hr} boss on boss."First Name" || ' ' || boss."Last Name" = h."Reports To"
        where h."Job Title" = 'Head of Professional Services North' and boss."Job Title" = 'VP Sales'
    """
    assert sql(query.format(hr=hr(both["troubled"])), both["troubled"]) == [("10/01/2025",)]
    assert sql(query.format(hr=hr(both["healthy"])), both["healthy"]) == []


def test_same_people_accounts_and_deals_in_both(both):
    people = 'select distinct "Employee #", "First Name", "Last Name", "Hire Date" from {hr} order by 1'
    assert (sql(people.format(hr=hr(both["troubled"])), both["troubled"])
            == sql(people.format(hr=hr(both["healthy"])), both["healthy"]))
    deals = ("select \"Record ID\", \"Associated Company\", \"Deal Stage\" "
             "from read_csv('DIR/crm/*.csv', all_varchar=true) order by 1")
    assert sql(deals, both["troubled"]) == sql(deals, both["healthy"])


DEFERRED = """
with csv as (
    select "Issue key" as key, "Custom field (Team)" as team,
           strptime(Created, '%d/%b/%y %-I:%M %p') as created, list_value(*COLUMNS('^Labels')) as labels
    from read_csv('DIR/jira/Jira Export CSV*.csv', all_varchar=true, union_by_name=true)),
j as (select unnest(issues) as i from read_json('DIR/jira/jira-search-changelog-*.json',
                                                 maximum_object_size=100000000)),
ev as (select i.key as key, unnest(h.items) as it
       from (select i, unnest(i.changelog.histories) as h from j)),
n as (select key, count(*) filter (where (it.field = 'status' and it.toString in ('Backlog', 'On Hold'))
        or (it.field = 'priority') or (it.field = 'duedate')
        or (it.field = 'Sprint' and it.fromString is not null)) as deferrals
      from ev group by key)
select avg((coalesce(n.deferrals, 0) >= 2)::int)
from csv left join n using (key)
where team = $team and created >= timestamp '2025-10-01'
  and list_has_any(labels, ['initiative', 'health-check', 'qbr', 'enablement', 'best-practice'])
"""


def deferred_share(folder: Path, team: str) -> float:
    con = duckdb.connect()
    return con.sql(DEFERRED.replace("DIR", str(folder)), params={"team": team}).fetchall()[0][0]


def test_ps_north_initiatives_are_deferred_after_the_move_only_when_troubled(both):
    assert deferred_share(both["troubled"], NORTH) >= 0.6
    assert deferred_share(both["healthy"], NORTH) <= 0.2
    assert deferred_share(both["troubled"], "Professional Services - South") <= 0.2


HOURS = """
with h as (select try_strptime(Date, '%Y-%m-%d') as day, try_cast(Hours as double) as hours, Task,
                  Roles from read_csv('DIR/time/*.csv', all_varchar=true, union_by_name=true,
                                      null_padding=true, ignore_errors=true))
select
  sum(hours) filter (where Roles = 'Sales' and Task in ('Order follow-up', 'Invoicing', 'Order entry', 'Billing')
                       and day between '2026-01-01' and '2026-04-30')
    / sum(hours) filter (where Roles = 'Sales' and day between '2026-01-01' and '2026-04-30'),
  sum(hours) filter (where Roles like 'Professional Services%'
                       and Task in ('Sales call', 'Scoping', 'Bid preparation', 'Solution design for a deal'))
    / sum(hours) filter (where Roles like 'Professional Services%')
from h
"""


def test_time_patterns_differ_between_scenarios(both):
    sales_ops_t, cross_t = sql(HOURS, both["troubled"])[0]
    sales_ops_h, cross_h = sql(HOURS, both["healthy"])[0]
    assert sales_ops_t >= 0.06 and sales_ops_h <= 0.02
    assert cross_t <= 0.02 and 0.04 <= cross_h <= 0.12
