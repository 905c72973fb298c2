"""The planted patterns grow with the company: every sign fires on the troubled company and none
on its healthy twin at more than one size and window, and a large company's planted tickets stay
inside its data window (the benchmark's 10,000-person company once lost three signs to both)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pytest

from orghealth import signals
from orghealth.generate import generate_company
from orghealth.generate.deals import build_accounts, build_deals
from orghealth.generate.org import build_org
from orghealth.generate.plan import EXPORT_AT, Plan, scaled
from orghealth.generate.tickets import build_tickets
from orghealth.ingest import ingest_paths

FIRING = ("amber", "red")
# twice the bundled company's people over three years: weekly timesheets keep it quick, and the
# longer window is what once put the operations backlog outside the last twelve months
MID = dict(people=600, months=36, seed=7)


@pytest.mark.parametrize("months", range(3, 121))
def test_the_backlog_lies_in_the_last_year_of_any_window(months):
    plan = Plan(300, months, "troubled", 7)
    b1, b2 = plan.backlog_months
    assert max(1, months - 11) <= b1 <= b2 <= months
    assert b2 - b1 <= 3
    if 18 <= months <= 24:
        assert (b1, b2) == (15, 18)  # as sample_data/README.md documents


def test_a_large_companys_planted_tickets_stay_inside_the_data_window():
    plan = Plan(10_000, 36, "troubled", 7)
    org = build_org(plan)
    acc = build_accounts(plan, org)
    deals = build_deals(plan, org, acc)
    issues = build_tickets(plan, org, acc, deals.projects).issues
    export = EXPORT_AT.astype("datetime64[ms]").astype(object)
    assert issues["created"].max() < export
    blamed = issues.filter(issues["planted"] == "blamed")
    assert blamed.height == scaled(plan, 10)  # one flagged-then-blamed account per 30 people
    move = np.datetime64(plan.month_start(plan.reorg_month + 1), "ms").astype(object)
    assert blamed["created"].min() >= move


@pytest.fixture(scope="module")
def mid_dbs(tmp_path_factory) -> dict[str, Path]:
    out = {}
    for scenario in ("troubled", "healthy"):
        folder = tmp_path_factory.mktemp(f"mid-{scenario}")
        generate_company(folder / "data", scenario=scenario, **MID)
        out[scenario] = folder / "company.duckdb"
        ingest_paths([folder / "data"], out[scenario])
    return out


@pytest.fixture(params=["bundled-300x24", "mid-600x36"])
def databases(request) -> dict[str, Path]:
    if request.param.startswith("bundled"):
        return {"troubled": request.getfixturevalue("sample_db"),
                "healthy": request.getfixturevalue("healthy_db")}
    return request.getfixturevalue("mid_dbs")


def statuses(db: Path) -> dict[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {r.id: f"{r.status} {r.value_text()}" for r in signals.evaluate_all(con)}
    finally:
        con.close()


@pytest.mark.slow
def test_every_sign_fires_when_troubled_and_none_when_healthy(databases):
    troubled = statuses(databases["troubled"])
    assert set(troubled) == set(signals.load_catalog())
    quiet = {sid: s for sid, s in troubled.items() if s.split()[0] not in FIRING}
    assert not quiet, f"planted signs that do not fire: {quiet}"
    healthy = statuses(databases["healthy"])
    loud = {sid: s for sid, s in healthy.items() if s.split()[0] != "green"}
    assert not loud, f"signs not green on the healthy twin: {loud}"
