"""Time entries (Harvest detailed time report, one file per quarter), built in bulk with numpy.

Small companies log one timesheet line per person, task and week (dated the Friday); large ones
log daily lines. Delivery hours come from the projects, so actual hours per project follow the
planted overruns exactly; everything else is a share of each person's week."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from orghealth.generate.deals import Accounts
from orghealth.generate.org import PS_NORTH, Org
from orghealth.generate.plan import COMPANY, Plan

# slot: (function, tasks, chance a week has it, share of the week, client kind, project, code,
#        billable)
INTERNAL = (COMPANY, "Internal", "INT-001")
SLOTS = {
    "sales": [
        ("selling", ["Prospecting", "Discovery call", "Demo", "Proposal", "Negotiation",
                     "Sales call", "Pipeline review"], 1.0, 0.9),
        ("review", ["Account review"], 0.15, 0.08),
        ("ops", ["Order follow-up", "Invoicing", "Order entry", "Billing"], 0.08, 0.03),
    ],
    "presales": [
        ("selling", ["Demo", "Discovery call", "Sales call"], 1.0, 0.50),
        ("scoping", ["Scoping", "Solution design for a deal", "Bid preparation"], 0.9, 0.25),
        ("delivery", ["Implementation support", "Project delivery"], 0.7, 0.20),
        ("enable", ["Enablement"], 0.2, 0.05),
    ],
    "ps": [
        ("review", ["Health check", "QBR", "Enablement", "Account review"], 0.45, 0.35),
        ("admin", ["Internal meeting", "Admin"], 0.45, 0.45),
        ("cross", ["Sales call", "Scoping", "Bid preparation", "Solution design for a deal"], 0.0, 0.0),
    ],
    "ops": [
        ("ops1", ["Order entry", "Order follow-up", "Data entry"], 1.0, 0.5),
        ("ops2", ["Invoicing", "Billing", "Reporting"], 0.4, 0.45),
        ("admin", ["Internal meeting"], 0.2, 0.05),
    ],
    "support": [
        ("support", ["Support tickets", "Customer calls"], 1.0, 0.85),
        ("admin", ["Internal meeting"], 0.6, 0.15),
    ],
    "engineering": [
        ("dev", ["Development", "Code review", "Testing"], 1.0, 0.85),
        ("admin", ["Internal meeting"], 0.6, 0.15),
    ],
}
# where each slot's hours are booked: client ("account" = a customer), project, code, billable
BOOKING = {
    "selling": ("account", "Sales pipeline", "SAL-100", False),
    "selling2": ("account", "Sales pipeline", "SAL-100", False),
    "review": ("account", "Customer success", "CS-200", False),
    "ops": (COMPANY, "Order operations", "OPS-300", False),
    "ops1": (COMPANY, "Order operations", "OPS-300", False),
    "ops2": (COMPANY, "Order operations", "OPS-300", False),
    "scoping": ("account", "Pre-sales", "PRE-400", False),
    "delivery": ("account", "Delivery assistance", "PRE-410", True),
    "enable": INTERNAL + (False,),
    "admin": INTERNAL + (False,),
    "cross": ("account", "Pre-sales", "PRE-400", False),
    "support": (COMPANY, "Customer support", "SUP-500", False),
    "dev": (COMPANY, "Product development", "ENG-600", False),
}
DELIVERY_TASKS = ["Configuration", "Migration", "Implementation", "Project delivery", "Training",
                  "Go-live"]
COST = {"sales": 70, "presales": 75, "ps": 65, "ops": 45, "support": 45, "engineering": 80}


@dataclass
class Periods:
    day: np.ndarray      # datetime64[D]: the Friday of a week, or a working day
    month: np.ndarray    # month number, 1-based
    hours: float         # a normal period's hours


def periods(plan: Plan) -> Periods:
    days = np.arange(plan.start, plan.end, dtype="datetime64[D]")
    weekday = (days.astype(np.int64) + 3) % 7  # 0 = Monday
    day = days[weekday < 5] if plan.daily else days[weekday == 4]
    return Periods(day, plan.month_of(day), 8.0 if plan.daily else 40.0)


def _loggers(plan: Plan, org: Org) -> np.ndarray:
    funcs = ["sales", "presales", "ps", "ops"] + (["support", "engineering"] if plan.daily else [])
    return np.flatnonzero(np.isin(org.func(), funcs))


def build_time(plan: Plan, org: Org, acc: Accounts, projects: pl.DataFrame) -> pl.DataFrame:
    """One row per time entry: person, day, hours, slot/task, client, project, code, billable."""
    per = periods(plan)
    rng = plan.rng("time")
    people = _loggers(plan, org)
    func = org.func()[people]
    # person x period grid of everyone employed that day
    pi, ti = np.nonzero((org.hire[people][:, None] <= per.day[None, :]) &
                        (org.term[people][:, None] >= per.day[None, :]))
    person = people[pi]
    f = func[pi]
    month = per.month[ti]
    scale = per.hours / 40.0
    total = rng.normal(39.5, 1.5, len(pi)) * scale
    ops_peak = _backlog(plan, month) & (f == "ops")
    total = np.where(ops_peak, rng.normal(47.5, 2.0, len(pi)) * scale, total)

    delivery = _delivery(plan, org, projects, per, rng)
    dkey = delivery["person"].to_numpy() * len(per.day) + delivery["period"].to_numpy()
    grid_key = person * len(per.day) + ti
    dsum = np.bincount(np.searchsorted(np.unique(dkey), dkey), weights=delivery["hours"].to_numpy())
    ukeys = np.unique(dkey)
    pos = np.searchsorted(ukeys, grid_key)
    pos_ok = (pos < len(ukeys)) & (ukeys[np.minimum(pos, len(ukeys) - 1)] == grid_key)
    delivered = np.where(pos_ok, dsum[np.minimum(pos, len(ukeys) - 1)], 0.0)
    remaining = np.maximum(total - delivered, np.where(f == "ps", 2.0 * scale, 0.0))

    # per-person traits
    helps_sales = np.zeros(org.n, dtype=bool)  # PS people who join sales calls and scoping
    ps_people = np.flatnonzero(org.func() == "ps")
    u = plan.rng("cross-team").random(org.n)
    if plan.troubled:
        few = ps_people[np.argsort(u[ps_people])][: max(1, round(3 * plan.scale))]
        helps_sales[few] = True
    else:
        helps_sales[ps_people[u[ps_people] < 0.85]] = True

    slot_names = [(fn, name, task_list) for fn, slots in SLOTS.items()
                  for name, task_list, _, _ in slots]
    n_slots = len(slot_names)
    w = np.zeros((len(pi), n_slots))
    draws = rng.random((len(pi), n_slots))
    noise = rng.gamma(4.0, 0.25, (len(pi), n_slots))
    k = 0
    for fn, slots in SLOTS.items():
        is_f = f == fn
        for name, _, p, share in slots:
            p_arr = np.full(len(pi), p)
            s_arr = np.full(len(pi), share)
            if fn == "sales" and name == "ops":
                p_arr, s_arr = _sales_ops(plan, org, person, month, p_arr, s_arr)
            if fn == "presales" and name in ("scoping", "delivery"):
                s_arr = s_arr * _drift_factor(plan, org, person, month)
            if fn == "ps" and name == "cross":
                p_arr = np.where(helps_sales[person], 0.75, 0.0)
                s_arr = np.where(helps_sales[person], 0.10 if not plan.troubled else 0.12, 0.0)
            w[:, k] = np.where(is_f & (draws[:, k] < p_arr), s_arr * noise[:, k], 0.0)
            k += 1
    wsum = w.sum(axis=1, keepdims=True)
    hours = np.where(wsum > 0, remaining[:, None] * w / np.where(wsum > 0, wsum, 1), 0.0)
    hours = np.round(hours * 4) / 4
    ri, si = np.nonzero(hours > 0)
    task_pick = rng.integers(0, 1_000_000, len(ri))
    acct_pick = rng.integers(0, len(acc.name), len(ri))
    slot_tasks = [t for _, _, t in slot_names]
    slot_name = np.array([n for _, n, _ in slot_names], dtype=object)
    task_len = np.array([len(t) for t in slot_tasks])
    task_offset = np.concatenate([[0], np.cumsum(task_len)[:-1]])
    all_tasks = np.array([t for ts in slot_tasks for t in ts], dtype=object)
    task = all_tasks[task_offset[si] + task_pick % task_len[si]]
    sname = slot_name[si]
    booking = np.array([BOOKING[s] for s in slot_name], dtype=object)[si]
    client = np.where(booking[:, 0] == "account", acc.name[acct_pick], booking[:, 0])
    rows = pl.DataFrame({
        "person": person[ri], "period": ti[ri], "hours": hours[ri, si],
        "task": list(task), "client": list(client), "project": list(booking[:, 1]),
        "code": list(booking[:, 2]), "billable": booking[:, 3].astype(bool), "slot": list(sname),
    })
    allrows = pl.concat([rows, delivery.select(rows.columns)], how="vertical_relaxed")
    days = pl.DataFrame({"period": np.arange(len(per.day)), "day": per.day})
    return allrows.join(days, on="period").sort("day", "person", "code", "task", "hours")


def _backlog(plan: Plan, month: np.ndarray) -> np.ndarray:
    b1, b2 = plan.backlog_months
    return plan.troubled & (month >= b1) & (month <= b2)


def _sales_ops(plan, org, person, month, p_arr, s_arr):
    """Salespeople covering order follow-up and invoicing during the operations backlog."""
    if not plan.troubled:
        return p_arr, s_arr
    b1, b2 = plan.backlog_months
    rep = np.isin(person, org.ops_reps)
    share = np.select([(month >= b1) & (month <= b2), month == b2 + 1, month == b2 + 2],
                      [0.55, 0.12, 0.06], 0.03)
    return np.where(rep, 1.0, p_arr), np.where(rep, share, s_arr)


def _drift_factor(plan, org, person, month):
    """The pre-sales engineer moved into Sales: scoping and delivery fade over three months."""
    if not plan.troubled:
        return np.ones(len(person))
    d = plan.drift_month
    steps = np.select([month < d, month == d, month == d + 1, month == d + 2],
                      [1.0, 0.75, 0.45, 0.2], 0.08)
    return np.where(person == org.key["presales_drift"], steps, 1.0)


def _delivery(plan: Plan, org: Org, projects: pl.DataFrame, per: Periods, rng) -> pl.DataFrame:
    """Project hours, spread evenly from start to go-live over a team from the account's unit."""
    dept = org.dept()
    kind = np.array(org.seat_kind, dtype=object)[org.seat]
    consultants = {u: np.flatnonzero((dept == u) & (kind != "head")) for u in np.unique(dept)}
    heads = {org.dept()[p]: p for p in (org.key["ps_north_head"], org.key["ps_south_head"])}
    load_until: dict[int, list] = {}
    out_person, out_period, out_hours, out_code, out_client, out_name = [], [], [], [], [], []
    step = 1 if plan.daily else 7
    period_days = per.day
    u = rng.random((projects.height, 4))
    for i, row in enumerate(projects.iter_rows(named=True)):
        start, vend = np.datetime64(row["started_at"]), np.datetime64(row["virtual_end"])
        unit = row["unit"]
        cands = consultants[unit]
        cands = cands[(org.hire[cands] <= start) & (org.term[cands] >= start)]
        if len(cands) == 0:
            cands = np.array([heads[unit]])
        busy = np.array([sum(1 for e in load_until.get(int(c), []) if e > start) for c in cands])
        team_size = 3 if row["estimated_hours"] > 650 else 2
        team = cands[np.lexsort((u[i, 0] * np.arange(len(cands)) % 1, busy))][:team_size]
        for c in team:
            load_until.setdefault(int(c), []).append(vend)
        lo, hi = np.searchsorted(period_days, [start, min(vend, plan.end)])
        if hi <= lo:
            continue
        days_total = max(1, (vend - start).astype(int))
        per_period = row["total_hours"] / days_total * step * (7 / 5 if plan.daily else 1)
        idx = np.arange(lo, hi)
        active = (org.hire[team][:, None] <= period_days[idx][None, :]) & \
                 (org.term[team][:, None] >= period_days[idx][None, :])
        none = ~active.any(axis=0)
        n_active = np.maximum(active.sum(axis=0), 1)
        tp, tt = np.nonzero(active)
        out_person.append(team[tp])
        out_period.append(idx[tt])
        out_hours.append(np.full(len(tp), per_period) / n_active[tt])
        if none.any():  # nobody left on the team: the unit head covers it
            out_person.append(np.full(none.sum(), heads[unit]))
            out_period.append(idx[none])
            out_hours.append(np.full(none.sum(), per_period))
        n_rows = len(tp) + int(none.sum())
        out_code.append(np.full(n_rows, row["project_id"], dtype=object))
        out_client.append(np.full(n_rows, row["account"], dtype=object))
        out_name.append(np.full(n_rows, row["name"], dtype=object))
    person = np.concatenate(out_person)
    hours = np.round(np.concatenate(out_hours) * 4) / 4
    period = np.concatenate(out_period)
    phase = rng.integers(0, len(DELIVERY_TASKS), len(person))
    df = pl.DataFrame({
        "person": person, "period": period, "hours": hours,
        "task": list(np.array(DELIVERY_TASKS, dtype=object)[phase]),
        "client": list(np.concatenate(out_client)), "project": list(np.concatenate(out_name)),
        "code": list(np.concatenate(out_code)), "billable": np.ones(len(person), dtype=bool),
        "slot": ["project"] * len(person),
    })
    return df.filter(pl.col("hours") > 0)


HARVEST_COLUMNS = ["Date", "Client", "Project", "Project Code", "Task", "Notes", "Hours",
                   "Billable?", "Invoiced?", "Approved?", "First Name", "Last Name", "Employee Id",
                   "Roles", "Employee?", "Billable Rate", "Billable Amount", "Cost Rate",
                   "Cost Amount", "Currency", "External Reference URL"]


def harvest_frame(plan: Plan, org: Org, entries: pl.DataFrame) -> pl.DataFrame:
    p = entries["person"].to_numpy()
    func = org.func()[p]
    rate = np.where(entries["billable"].to_numpy(), 140.0, 0.0)
    cost = np.vectorize(COST.get)(func).astype(float)
    hours = entries["hours"].to_numpy()
    notes_pool = np.array([""] * 13 + ["Weekly sync", "Follow-up", "Customer call"], dtype=object)
    notes = notes_pool[(p * 7 + entries["period"].to_numpy()) % len(notes_pool)]
    invoiced = entries["billable"].to_numpy() & (entries["day"].to_numpy() < plan.end - 45)
    return pl.DataFrame({
        "Date": entries["day"].dt.strftime("%Y-%m-%d"),
        "Client": entries["client"], "Project": entries["project"],
        "Project Code": entries["code"], "Task": entries["task"],
        "Notes": list(notes),
        "Hours": pl.Series(hours).round(2).cast(pl.String),
        "Billable?": np.where(entries["billable"].to_numpy(), "Yes", "No"),
        "Invoiced?": np.where(invoiced, "Yes", "No"),
        "Approved?": np.full(len(p), "Yes"),
        "First Name": list(org.first[p]), "Last Name": list(org.last[p]),
        "Employee Id": list(org.emp_id[p]),
        "Roles": list(org.dept()[p]),
        "Employee?": np.full(len(p), "Yes"),
        "Billable Rate": pl.Series(rate).cast(pl.Int64).cast(pl.String),
        "Billable Amount": _money(rate * hours),
        "Cost Rate": pl.Series(cost).cast(pl.Int64).cast(pl.String),
        "Cost Amount": _money(cost * hours),
        "Currency": np.full(len(p), "Euro - EUR"),
        "External Reference URL": pl.Series([None] * len(p), dtype=pl.String),
    })


def _money(x: np.ndarray) -> pl.Series:
    """Amounts as Harvest writes them: no trailing '.0' on whole numbers."""
    s = pl.Series(np.round(x, 2)).cast(pl.String)
    return s.str.replace(r"\.0$", "")


def quarters(plan: Plan) -> list[tuple[np.datetime64, np.datetime64]]:
    """Calendar quarters clipped to the data window: (first day, last day)."""
    out = []
    m = plan.first_month
    while m <= plan.first_month + (plan.months - 1):
        q_end = m + (2 - (m.astype(int) % 3))  # last month of m's quarter
        last = min(q_end, plan.first_month + (plan.months - 1))
        out.append((m.astype("datetime64[D]"), (last + 1).astype("datetime64[D]") - 1))
        m = last + 1
    return out


__all__ = ["PS_NORTH", "build_time", "harvest_frame", "periods", "quarters", "HARVEST_COLUMNS"]
