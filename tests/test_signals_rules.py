"""Given a handful of rows, each tricky rule gives exactly the expected number."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from test_signals_rows import build_rollups, hours, insert, month, new_db, staff

from orghealth import signals, sql

PS_N = "Professional Services - North"


def run(con, sid, **kw) -> pl.DataFrame:
    return sql.run(con, f"signals/{sid}", signals.SignalParams(**kw).bound(con))


def at(m: int, day: int = 20) -> dt.datetime:
    return dt.datetime.combine(month(m).replace(day=day), dt.time(10))


# ---- deferral counting ---------------------------------------------------------------------


def test_initiatives_deferred_twice_count_and_paid_work_is_apart():
    con = new_db()
    ps = staff(con, "p", 5, PS_N, "ps", range(1, 4))
    rows = [
        # (deferral_count, is_initiative, is_revenue)
        (0, True, False), (1, True, False), (2, True, False), (5, True, False),
        (3, True, True),  # an initiative that is billed is paid work
        (4, False, True), (0, False, True),
    ]
    insert(con, "tickets", [
        {"ticket_id": f"T-{i}", "created_at": at(2), "assignee_id": ps[i % 5],
         "deferral_count": d, "is_initiative": ini, "is_revenue": rev}
        for i, (d, ini, rev) in enumerate(rows)
    ])
    build_rollups(con)
    row = run(con, "deferred_initiatives", min_group_size=5).filter(
        pl.col("period") == month(2)).row(0, named=True)
    assert (row["n"], row["initiatives_deferred"], row["value"]) == (4, 2, 50.0)
    assert (row["revenue_items"], row["revenue_value"]) == (3, 66.7)
    # the six-month span carries February's initiatives into March
    march = run(con, "deferred_initiatives", date_to=month(3)).filter(
        pl.col("period") == month(3))
    assert march["n"].to_list() == [4]


def test_deferrals_follow_the_ingest_count_and_the_first_deferral_date():
    con = new_db()
    ps = staff(con, "p", 5, PS_N, "ps", range(1, 3))
    insert(con, "tickets", [{"ticket_id": "T-1", "created_at": at(1), "assignee_id": ps[0],
                             "deferral_count": 2, "is_initiative": True}])
    insert(con, "ticket_events", [
        {"ticket_id": "T-1", "at": at(1, 24), "field": "priority", "is_deferral": True},
        {"ticket_id": "T-1", "at": at(1, 22), "field": "status", "is_deferral": False},
        {"ticket_id": "T-1", "at": at(2, 3), "field": "duedate", "is_deferral": True},
    ])
    build_rollups(con)
    ev = signals.evidence(con, "deferred_initiatives")
    assert ev["Times deferred"].to_list() == [2]
    assert ev["First deferred"].to_list() == [dt.date(2025, 1, 24)]


# ---- flagged, then blamed ------------------------------------------------------------------


def _blame_company():
    con = new_db()
    ps = staff(con, "p", 5, PS_N, "ps", range(1, 7))
    others = staff(con, "x", 15, "Engineering", "engineering", range(1, 7))
    warn = {"is_proactive_warning": True, "reporter_id": ps[0]}
    insert(con, "tickets", [
        # deferred warning on Acme before the escalation: flagged, then blamed
        {"ticket_id": "W-1", "created_at": at(1), "account": "Acme", "deferral_count": 1, **warn},
        # warning on Acme closed "Won't Do" before the escalation: also counts
        {"ticket_id": "W-2", "created_at": at(1), "account": "Acme", "resolution": "Won't Do",
         "resolved_at": at(2), **warn},
        # deferred warning on another account: does not match Acme
        {"ticket_id": "W-3", "created_at": at(1), "account": "Beta", "deferral_count": 2, **warn},
        # a warning on Gamma raised by engineering, not services
        {"ticket_id": "W-4", "created_at": at(1), "account": "Gamma", "deferral_count": 1,
         "is_proactive_warning": True, "reporter_id": others[0]},
        # a warning on Delta raised after the escalation
        {"ticket_id": "W-5", "created_at": at(4, 25), "account": "Delta", "deferral_count": 1,
         **warn},
    ])
    esc = {"is_escalation": True, "created_at": at(4)}
    insert(con, "tickets", [
        {"ticket_id": "E-1", "account": "Acme", "blamed_function": "ps", **esc},
        {"ticket_id": "E-2", "account": "Beta2", "blamed_function": "ps", **esc},
        {"ticket_id": "E-3", "account": "Gamma", "blamed_function": "ps", **esc},
        {"ticket_id": "E-4", "account": "Delta", "blamed_function": "ps", **esc},
        {"ticket_id": "E-5", "account": "Acme", "blamed_function": "engineering", **esc},
        {"ticket_id": "E-6", "account": None, "blamed_function": None, **esc},
    ])
    build_rollups(con)
    return con


def test_flagged_then_blamed_needs_an_earlier_services_warning_on_the_same_account():
    con = _blame_company()
    row = run(con, "scapegoating").filter(pl.col("period") == month(4)).row(0, named=True)
    assert row["flagged_then_blamed"] == 1  # only E-1
    assert (row["n"], row["blamed_on_ps"]) == (5, 4)
    # services is 5 of 20 people (25 %) and takes 80 % of the blame: 3.2 times its share
    assert (row["ps_share_of_blame"], row["ps_share_of_people"], row["value"]) == (80.0, 25.0, 3.2)
    ev = signals.evidence(con, "scapegoating")
    acme = ev.filter(pl.col("Escalation") == "E-1")
    assert sorted(acme["Earlier warning"].to_list()) == ["W-1", "W-2"]
    assert set(acme["What happened to the warning"]) == {"deferred", "closed without action"}
    others = ev.filter(pl.col("Escalation") != "E-1")
    assert others["Earlier warning"].null_count() == others.height


def test_a_warning_deferred_only_after_the_escalation_does_not_count():
    con = new_db()
    ps = staff(con, "p", 5, PS_N, "ps", range(1, 5))
    insert(con, "tickets", [
        {"ticket_id": "W-1", "created_at": at(1), "account": "Acme", "deferral_count": 1,
         "is_proactive_warning": True, "reporter_id": ps[0]},
        {"ticket_id": "E-1", "created_at": at(2), "account": "Acme", "is_escalation": True,
         "blamed_function": "ps"},
    ])
    insert(con, "ticket_events", [{"ticket_id": "W-1", "at": at(3), "field": "status",
                                   "is_deferral": True}])
    build_rollups(con)
    assert run(con, "scapegoating")["flagged_then_blamed"].max() == 0


# ---- chains through a reorg date -----------------------------------------------------------


def test_services_under_sales_from_the_month_of_the_reorg():
    con = new_db()
    staff(con, "n", 6, PS_N, "ps", range(1, 7), under_sales=lambda m: m >= 4)
    staff(con, "s", 6, "Professional Services - South", "ps", range(1, 7))
    build_rollups(con)
    frame = run(con, "ps_reports_into_sales")
    assert frame["value"].to_list() == [0.0, 0.0, 0.0, 50.0, 50.0, 50.0]
    assert frame["teams_under_sales"].to_list()[-1] == PS_N
    result = signals.evaluate(con, "ps_reports_into_sales")
    assert (result.status, result.since, result.value) == ("red", month(4), 50.0)
    # one team alone is judged on its own
    north = signals.evaluate(con, "ps_reports_into_sales", signals.SignalParams(team=PS_N))
    assert north.value == 100.0 and north.group == PS_N


# ---- sales time on operations --------------------------------------------------------------


def test_salespeople_pulled_into_operations_count_from_a_fifth_of_their_month():
    con = new_db()
    reps = staff(con, "a", 5, "Sales", "sales", range(1, 4))
    hours(con, reps, range(1, 4), "selling", 80)
    hours(con, reps[:1], [2], "operations", 20, task="Order follow-up")  # 20 of 100: pulled
    hours(con, reps[1:2], [2], "delivery", 19)  # 19 of 99: not quite a fifth
    hours(con, reps[2:3], [2], "admin", 40)  # admin is not another team's work
    hours(con, reps[:1], [3], "operations", 30)  # pulled again the next month
    build_rollups(con)
    frame = run(con, "sales_in_operations").sort("period")
    assert frame["value"].to_list() == [0.0, 20.0, 20.0]
    assert frame["reps_pulled_again"].to_list() == [0, 0, 1]
    assert frame["selling_days_lost"].to_list() == [0.0, 4.9, 3.8]
    result = signals.evaluate(con, "sales_in_operations")
    assert (result.status, result.since, result.period) == ("red", month(2), month(2))
    ev = signals.evidence(con, "sales_in_operations")
    assert "Order follow-up" in ev["Task"].to_list()


# ---- privacy -------------------------------------------------------------------------------


def test_groups_under_the_privacy_minimum_are_not_shown():
    con = new_db()
    small = staff(con, "a", 4, "Sales East", "sales", range(1, 3))
    big = staff(con, "b", 6, "Sales West", "sales", range(1, 3))
    hours(con, small + big, range(1, 3), "operations", 50)
    build_rollups(con)
    assert set(run(con, "sales_in_operations")["grp"]) == {"Sales West"}
    assert set(run(con, "sales_in_operations", min_group_size=4)["grp"]) == {
        "Sales East", "Sales West"}
    east = signals.evaluate(con, "sales_in_operations", signals.SignalParams(team="Sales East"))
    assert east.status == "insufficient_data"
    assert "privacy minimum of 5 people" in east.reason
    assert signals.evidence(con, "sales_in_operations").filter(
        pl.col("Team") == "Sales East").is_empty()


# ---- insufficient data ---------------------------------------------------------------------


def test_missing_inputs_say_so_instead_of_a_zero():
    con = new_db()
    reps = staff(con, "a", 6, "Sales", "sales", range(1, 4))
    ops = staff(con, "o", 6, "Billing Operations", "ops", range(1, 4))
    hours(con, ops, range(1, 4), "operations", 160)
    build_rollups(con)
    result = signals.evaluate(con, "sales_in_operations")
    assert result.status == "insufficient_data"
    assert result.reason == "no time entries for Sales people in this window"
    assert result.value is None
    assert reps
    # a sign with too few items behind it is not judged either
    insert(con, "tickets", [{"ticket_id": "E-1", "created_at": at(2), "is_escalation": True,
                             "blamed_function": "ps"}])
    staff(con, "p", 5, PS_N, "ps", range(1, 4))
    build_rollups(con)
    blame = signals.evaluate(con, "scapegoating")
    assert blame.status == "insufficient_data"
    assert f"needs at least {signals.load_catalog()['scapegoating'].min_n}" in blame.reason


def test_an_empty_database_is_insufficient_everywhere():
    con = new_db()
    build_rollups(con)
    results = signals.evaluate_all(con)
    assert {r.status for r in results} == {"insufficient_data"}
    assert all(r.reason for r in results)


# ---- headline and since --------------------------------------------------------------------


def _series(rows):
    return pl.DataFrame(rows, schema={"grp": pl.String, "period": pl.Date, "value": pl.Float64,
                                      "n": pl.Int64}, orient="row")


@pytest.fixture
def bound():
    return {"date_from": month(1), "date_to": dt.date(2025, 6, 30), "team": None,
            "min_group_size": 5}


def test_latest_takes_the_worst_group_of_the_last_month_and_since_its_run(bound):
    spec = signals.load_catalog()["deferred_initiatives"]  # amber 25, red 40
    series = _series([
        ("A", month(3), 50.0, 20), ("A", month(4), 30.0, 20), ("A", month(5), 45.0, 20),
        ("A", month(6), 41.0, 20), ("B", month(6), 60.0, 3),  # too few to judge
        ("B", month(2), 10.0, 20),
    ])
    r = signals.headline(spec, series, bound)
    assert (r.status, r.value, r.group, r.since) == ("red", 41.0, "A", month(3))


def test_worst_in_last_and_lower_is_worse(bound):
    spec = signals.load_catalog()["cross_team_collaboration"]  # lower is worse
    series = _series([("A", month(4), 10.0, 9), ("A", month(5), 50.0, 9),
                      ("A", month(6), 40.0, 9)])
    r = signals.headline(spec, series, bound)
    assert (r.status, r.value, r.since) == ("green", 40.0, None)
    ops = signals.load_catalog()["sales_in_operations"]  # worst of the last 12 months
    series = _series([("S", month(2), 25.0, 9), ("S", month(3), 12.0, 9),
                      ("S", month(4), 30.0, 9), ("S", month(5), 0.0, 9)])
    r = signals.headline(ops, series, bound)
    assert (r.status, r.value, r.period, r.since, r.until) == ("red", 30.0, month(4), month(2), month(4))


def test_health_summary_orders_by_severity_then_age():
    def res(sid, status, since):
        return signals.SignalResult(id=sid, title=sid, status=status, value=1.0, unit="%",
                                    amber=1, red=2, n=5, since=since)

    s = signals.health_summary([
        res("a", "amber", month(1)), res("b", "red", month(5)), res("c", "red", month(2)),
        res("d", "green", None), res("e", "insufficient_data", None),
    ])
    assert [r.id for r in s.flagged] == ["c", "b", "a"]
    assert s.overall == "red"
    assert s.sentences()[0].startswith("c: red since February 2025")
    assert s.to_json()["insufficient_data"] == ["e"]


def test_chains_through_a_reorg_date_from_the_people_history():
    """The head of a PS team moves under the VP Sales on 2025-04-10: from April (the line as of
    the month's last day) the whole team reports into Sales, through its head."""
    from orghealth.ingest import build_derived

    con = new_db()
    start, move = dt.date(2025, 1, 1), dt.date(2025, 4, 10)
    row = {"valid_from": start, "valid_to": None}
    people = [
        {"person_id": "ceo", "title": "Chief Executive Officer", "function": "exec", **row},
        {"person_id": "coo", "title": "Chief Operating Officer", "function": "exec",
         "manager_id": "ceo", **row},
        {"person_id": "vps", "title": "VP Sales", "function": "sales", "manager_id": "ceo", **row},
        {"person_id": "head", "title": "Head of PS", "function": "ps", "manager_id": "coo",
         "valid_from": start, "valid_to": move},
        {"person_id": "head", "title": "Head of PS", "function": "ps", "manager_id": "vps",
         "valid_from": move, "valid_to": None},
    ] + [{"person_id": f"c{i}", "title": "Consultant", "function": "ps", "manager_id": "head",
          **row} for i in range(5)]
    insert(con, "people", [{"department": PS_N if p["function"] == "ps" else "Office",
                            "name": p["person_id"], **p} for p in people])
    insert(con, "time_entries", [{"person_id": "c0", "date": month(m).replace(day=20),
                                  "hours": 8.0, "activity": "delivery"} for m in range(1, 7)])
    build_derived(con)
    frame = run(con, "ps_reports_into_sales")
    assert frame["value"].to_list() == [0.0, 0.0, 0.0, 100.0, 100.0, 100.0]
    result = signals.evaluate(con, "ps_reports_into_sales")
    assert (result.status, result.since) == ("red", month(4))
    ev = signals.evidence(con, "ps_reports_into_sales")
    assert ev.height == 6
    assert set(ev.filter(pl.col("Person") == "c0")["Chain of managers"]) == {"head > vps > ceo"}


def test_a_window_too_short_for_a_baseline_says_so():
    con = new_db()
    ps = staff(con, "p", 6, PS_N, "ps", range(1, 7))
    insert(con, "tickets", [{"ticket_id": f"W-{m}-{i}", "created_at": at(m), "reporter_id": pid,
                             "is_proactive_warning": True}
                            for m in range(1, 7) for i, pid in enumerate(ps)])
    build_rollups(con)
    result = signals.evaluate(con, "proactive_decline")
    assert result.status == "insufficient_data"
    assert result.reason.startswith("needs a window of at least nine months")
