"""One privacy rule for every sign and its evidence (shown_team_months in
queries/rollups/90_shared_rules.sql): a team is named or counted in a month only if it had at
least the minimum number of people that month, of the function the sign is about.

The company here has a team that passes one of the two rules the signs and their evidence
used to disagree on and fails the other: "Zeppelin Crew" holds five salespeople and three
consultants, and two of the salespeople go back to Sales in March 2026. Counting the whole
team (eight, then six) let the sales sign show a number about three salespeople; counting the
largest month of the window (five) let the evidence list the rows of the months with three."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from orghealth import signals, sql

CREW = "Zeppelin Crew"
BACK_ON = dt.date(2026, 3, 1)  # two of the salespeople go back to Sales
MIN = 5
# the signs whose groups are teams, and the function each one counts
TEAM_SIGNS = {"sales_in_operations": "sales", "deferred_initiatives": "ps",
              "proactive_decline": "ps", "cross_team_collaboration": "ps"}
# the team column of each sign's evidence, and the month column the rule is judged in
EVIDENCE_MONTH = {"sales_in_operations": ("Team", "Month"),
                  "deferred_initiatives": ("Team", "Created"),
                  "proactive_decline": ("Team", "Month"),
                  "cross_team_collaboration": ("Team", "Month"),
                  "ops_understaffed": ("Team", "Month"),
                  "ps_reports_into_sales": ("Team", "Month")}
FUNCTION_OF = {**TEAM_SIGNS, "ops_understaffed": "ops", "ps_reports_into_sales": "ps"}


def _long_stayers(rows, emp, title_words) -> list[str]:
    """Employees hired before the window starts and still there, whose title has one of the words."""
    out = []
    for r in rows:
        hired = dt.datetime.strptime(r["Hire Date"], "%m/%d/%Y").date()
        if (hired < dt.date(2025, 9, 1) and not r["Termination Date"]
                and any(w in r["Job Title"] for w in title_words) and r[emp] not in out):
            out.append(r[emp])
    return out


@pytest.fixture(scope="module")
def crew_db(tmp_path_factory) -> Path:
    from orghealth.generate import generate_company
    from orghealth.ingest import ingest_paths

    folder = tmp_path_factory.mktemp("crew")
    generate_company(folder, people=80, months=14, scenario="troubled", seed=3)
    hr = folder / "hr" / "bamboohr_job_history.csv"
    with hr.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        header, rows = reader.fieldnames, list(reader)
    emp = "Employee #"
    sellers = _long_stayers(rows, emp, ("Account Executive", "Account Manager"))[:5]
    consultants = _long_stayers(rows, emp, ("Implementation Consultant",))[:3]
    assert len(sellers) == 5 and len(consultants) == 3, "the generated company has them"
    leavers = set(sellers[:2])
    added = []
    for r in rows:
        if r[emp] not in set(sellers) | set(consultants):
            continue
        when = dt.datetime.strptime(r["Effective Date"], "%m/%d/%Y").date()
        if r[emp] in leavers and when >= BACK_ON:
            continue  # they are back in Sales from then on
        home = r["Department"]
        r["Department"] = CREW
        if r[emp] in leavers:
            back = {**r, "Department": home, "Effective Date": BACK_ON.strftime("%m/%d/%Y")}
            added.append(back)
    # a leaver's later job rows (if any) keep the crew's department out of March on
    rows += [b for b in {b[emp]: b for b in added}.values()]
    with hr.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header)
        w.writeheader()
        w.writerows(rows)
    db = folder / "crew.duckdb"
    ingest_paths([folder], db)
    return db


@pytest.fixture(scope="module")
def con(crew_db):
    c = signals.open_database(str(crew_db))
    yield c
    c.close()


def _people(con) -> pl.DataFrame:
    """People per team, month and function, counted here from person_months apart from SQL rules."""
    return (con.sql("select unit, month, function, person_id from person_months "
                    "where unit is not null").pl()
            .group_by("unit", "month", "function").agg(pl.col("person_id").n_unique().alias("n")))


def test_the_company_has_a_team_the_two_old_rules_disagree_on(con):
    people = _people(con).filter(pl.col("unit") == CREW)
    by = {(r["month"], r["function"]): r["n"] for r in people.iter_rows(named=True)}
    before, after = dt.date(2025, 11, 1), dt.date(2026, 6, 1)
    assert by[(before, "sales")] == 5 and by[(after, "sales")] == 3
    assert by[(before, "ps")] == 3 and by[(after, "ps")] == 3
    # the whole team is at the minimum in both months; its salespeople only in the first
    assert by[(after, "sales")] + by[(after, "ps")] >= MIN


def test_the_rule_is_per_month_and_per_function(con):
    bound = signals.SignalParams(min_group_size=MIN).bound(con)
    shown = {f: set(con.sql("select unit, month from shown_team_months($f, $t, $m, $fn)",
                            params={"f": bound["date_from"], "t": bound["date_to"], "m": MIN,
                                    "fn": f}).fetchall())
             for f in ("sales", "ps")}
    crew_sales = {m for u, m in shown["sales"] if u == CREW}
    assert crew_sales and all(m < BACK_ON for m in crew_sales), "shown while five, not after"
    assert not any(u == CREW for u, _ in shown["ps"]), "three consultants are never shown"


def _allowed(con, function: str, minimum: int = MIN) -> set[tuple[str, dt.date]]:
    p = _people(con).filter((pl.col("function") == function) & (pl.col("n") >= minimum))
    return set(p.select("unit", "month").iter_rows())


@pytest.mark.parametrize("team", [None, CREW])
def test_no_sign_counts_a_team_month_under_the_minimum(con, team):
    params = signals.SignalParams(team=team, min_group_size=MIN)
    for sid, function in TEAM_SIGNS.items():
        series = signals.evaluate(con, sid, params).series
        if series.is_empty():
            continue
        rows = set(series.select("grp", "period").iter_rows())
        leaked = rows - _allowed(con, function)
        assert not leaked, (sid, sorted(leaked)[:5])


@pytest.mark.parametrize("team", [None, CREW])
def test_no_evidence_lists_a_team_month_under_the_minimum(con, team):
    params = signals.SignalParams(team=team, min_group_size=MIN)
    for sid, (team_col, month_col) in EVIDENCE_MONTH.items():
        ev = signals.evidence(con, sid, params)
        if ev.is_empty():
            continue
        rows = {(u, m.replace(day=1)) for u, m in ev.select(team_col, month_col).iter_rows()
                # a sign about a whole function lists its people, a small team unnamed
                if not (sid not in TEAM_SIGNS and u == f"A team of fewer than {MIN} people")}
        leaked = rows - _allowed(con, FUNCTION_OF[sid])
        assert not leaked, (sid, sorted(leaked)[:5])


def test_the_crew_is_shown_while_it_reaches_the_minimum(con):
    """Not hiding more than needed: the crew's months with five salespeople are shown, in the
    sign and in its evidence alike."""
    params = signals.SignalParams(min_group_size=MIN)
    series = signals.evaluate(con, "sales_in_operations", params).series
    months = set(series.filter(pl.col("grp") == CREW)["period"])
    assert months and max(months) < BACK_ON
    assert months == {m for u, m in _allowed(con, "sales") if u == CREW and m in months}
    ev = signals.evidence(con, "sales_in_operations", params)
    assert set(ev.filter(pl.col("Team") == CREW)["Month"]) <= months


def test_every_team_sign_and_its_evidence_call_the_one_rule():
    for sid in TEAM_SIGNS:
        for name in (f"signals/{sid}", f"signals/{sid}__evidence"):
            text = sql.query_text(name)
            assert "shown_team_months(" in text, name


def test_the_privacy_minimum_macro_is_stored_once():
    rules = sql.query_text("rollups/90_shared_rules")
    assert rules.count("macro shown_team_months(") == 1
    assert "shown_teams(" not in rules and "team_months()" not in rules


# signs about a whole function or another group: the month each evidence row belongs to
GROUP_EVIDENCE_MONTH = {"scapegoating": "Escalated on", "presales_drift": "Moved under Sales",
                        "promises_without_delivery": "Closed", "ops_understaffed": "Month",
                        "ps_reports_into_sales": "Month", "underscoping": "Went live"}


@pytest.mark.parametrize("minimum", [MIN, 8, 12])
def test_group_evidence_lists_nothing_from_a_month_its_sign_hides(con, minimum):
    params = signals.SignalParams(min_group_size=minimum)
    listed = 0
    for sid, month_col in GROUP_EVIDENCE_MONTH.items():
        shown = set(signals.evaluate(con, sid, params).series.get_column("period", default=[]))
        ev = signals.evidence(con, sid, params)
        if sid == "underscoping":  # a project begun before the window is in no number
            ev = ev.filter(pl.col("Started") >= params.bound(con)["date_from"])
        months = {m.replace(day=1) for m in ev[month_col]}
        assert months <= shown, (sid, sorted(months - shown)[:5])
        listed += ev.height
        if "Warning team" in ev.columns:  # named only in a month it had enough people
            named = {(t, m.replace(day=1)) for t, m in ev.select("Warning team", month_col).rows()
                     if t is not None and t != f"A team of fewer than {minimum} people"}
            assert named <= _allowed(con, "ps", minimum), (sid, named)
        if "Team before" in ev.columns:
            named = {(t, (m.replace(day=1) - dt.timedelta(days=1)).replace(day=1))
                     for t, m in ev.select("Team before", month_col).rows()
                     if t is not None and t != f"A team of fewer than {minimum} people"}
            assert named <= _allowed(con, "presales", minimum), (sid, named)
    assert listed, "some evidence to check"
