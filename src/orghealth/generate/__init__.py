"""`orghealth generate`: a demo company written in the formats real tools export.

The same seed gives byte-identical files. `troubled` plants every warning sign with a cause that
can be pointed at (see sample_data/README.md); `healthy` is the same company without the causes."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from orghealth.errors import InputError
from orghealth.generate.deals import build_accounts, build_deals, write_hubspot, write_projects
from orghealth.generate.expected import expectations
from orghealth.generate.jira import _enrich, write_jira_csv, write_jira_json
from orghealth.generate.mangle import Mangled, mangle_hubspot, write_harvest
from orghealth.generate.org import build_org, job_history
from orghealth.generate.plan import EXPORT_AT, Plan
from orghealth.generate.tickets import build_tickets
from orghealth.generate.timesheets import build_time

SCENARIOS = ("troubled", "healthy")


@dataclass
class GeneratedCompany:
    out: Path
    plan: Plan
    files: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    expected: list[dict] = field(default_factory=list)
    mangled: list[Mangled] = field(default_factory=list)
    facts: dict = field(default_factory=dict)  # who and what the planted patterns involve


def generate_company(out: Path, people: int = 300, months: int = 24, scenario: str = "troubled",
                     seed: int = 7) -> GeneratedCompany:
    if scenario not in SCENARIOS:
        raise InputError(f"unknown scenario {scenario!r}", hint="use troubled or healthy")
    if people < 60:
        raise InputError(f"{people} people is too few for a company with all its departments",
                         hint="use --people 60 or more")
    if not 3 <= months <= 120:
        raise InputError(f"{months} months is outside 3..120", hint="use --months between 3 and 120")
    out = Path(out)
    plan = Plan(people, months, scenario, seed)
    org = build_org(plan)
    acc = build_accounts(plan, org)
    deals = build_deals(plan, org, acc)
    tickets = build_tickets(plan, org, acc, deals.projects)
    entries = build_time(plan, org, acc, deals.projects)

    for sub in ("hr", "jira", "time", "crm", "projects"):
        target = out / sub
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
    files = []
    hr = out / "hr" / "bamboohr_job_history.csv"
    job_history(org, plan).write_csv(hr)
    files.append(hr)
    issues = _enrich(plan, org, acc, tickets)
    files += write_jira_csv(plan, org, issues, out / "jira")
    files += write_jira_json(plan, org, tickets, issues, out / "jira")
    harvest, mangled = write_harvest(plan, org, acc, entries, out / "time")
    files += harvest
    crm = out / "crm" / f"hubspot-crm-exports-all-deals-{str(EXPORT_AT)[:10]}.csv"
    row = mangle_hubspot(deals.frame)
    value = write_hubspot(plan, org, deals.frame, crm, mangle_row=row)
    if value is not None:
        mangled.append(Mangled(f"crm/{crm.name}", row + 2, "Close Date", value,
                               "date re-saved by a spreadsheet, year first", "loaded"))
    files.append(crm)
    proj = out / "projects" / "projects.csv"
    write_projects(deals.projects, proj)
    files.append(proj)
    counts = {"people": org.n, "tickets": issues.height, "ticket_events": tickets.events.height,
              "time_entries": entries.height, "deals": deals.frame.height,
              "projects": deals.projects.height}
    return GeneratedCompany(out, plan, files, counts, expectations(plan), mangled,
                            _facts(org, acc, issues, deals.projects))


def _facts(org, acc, issues, projects) -> dict:
    def who(p: int) -> str:
        return f"{org.name[p]} (#{org.emp_id[p]})"

    blamed = issues.filter(issues["planted"] == "blamed")["account"].to_list()
    return {
        "ceo": who(org.key["ceo"]), "coo": who(org.key["coo"]), "vp_sales": who(org.key["vp_sales"]),
        "ps_north_head": who(org.key["ps_north_head"]),
        "ps_south_head": who(org.key["ps_south_head"]),
        "presales_drift": who(org.key["presales_drift"]),
        "ops_reps": [who(p) for p in org.ops_reps],
        "flagged_then_blamed_accounts": sorted(str(acc.name[a]) for a in blamed),
        "promised_without_delivery": int(projects["bad"].sum()),
        "projects": projects.height,
    }


def cli_generate(args) -> int:
    started = time.perf_counter()
    company = generate_company(Path(args.out), people=args.people, months=args.months,
                               scenario=args.scenario, seed=args.seed)
    took = time.perf_counter() - started
    c = company.counts
    print(f"Wrote a {args.scenario} company to {company.out} in {took:.1f} s: "
          f"{c['people']} people, {c['tickets']} tickets, {c['time_entries']} time entries, "
          f"{c['deals']} deals, {c['projects']} projects ({len(company.files)} files).")
    return 0
