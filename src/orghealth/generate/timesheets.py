"""Time entries (Harvest detailed time report, one file per quarter), built in bulk with numpy.

Small companies log one timesheet line per person, task and week (dated the Friday); large ones
log daily lines. Delivery hours come from the projects, so actual hours per project follow the
planted overruns exactly; everything else is a share of each person's week. Entries stay integer
codes (person, period, task, client, project) until they are written."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from orghealth.generate.deals import Accounts
from orghealth.generate.org import Org
from orghealth.generate.plan import COMPANY, Plan

# (name, code) of the projects that are not customer implementations; slots book into them
INTERNAL_PROJECTS = [("Sales pipeline", "SAL-100"), ("Customer success", "CS-200"),
                     ("Order operations", "OPS-300"), ("Pre-sales", "PRE-400"),
                     ("Delivery assistance", "PRE-410"), ("Internal", "INT-001"),
                     ("Customer support", "SUP-500"), ("Product development", "ENG-600")]
_P = {name: i for i, (name, _) in enumerate(INTERNAL_PROJECTS)}

# function -> slots: (slot, tasks, chance a period has it, share of the period,
#                     booked on a customer account?, project, billable)
SLOTS = {
    "sales": [
        ("selling", ["Prospecting", "Discovery call", "Demo", "Proposal", "Negotiation",
                     "Sales call", "Pipeline review"], 1.0, 0.9, True, "Sales pipeline", False),
        ("review", ["Account review"], 0.15, 0.08, True, "Customer success", False),
        ("ops", ["Order follow-up", "Invoicing", "Order entry", "Billing"], 0.08, 0.03, False,
         "Order operations", False),
    ],
    "presales": [
        ("selling", ["Demo", "Discovery call", "Sales call"], 1.0, 0.50, True, "Sales pipeline", False),
        ("scoping", ["Scoping", "Solution design for a deal", "Bid preparation"], 0.9, 0.25, True,
         "Pre-sales", False),
        ("delivery", ["Implementation support", "Project delivery"], 0.7, 0.20, True,
         "Delivery assistance", True),
        ("enable", ["Enablement"], 0.2, 0.05, False, "Internal", False),
    ],
    "ps": [
        ("review", ["Health check", "QBR", "Enablement", "Account review"], 0.45, 0.35, True,
         "Customer success", False),
        ("admin", ["Internal meeting", "Admin"], 0.45, 0.45, False, "Internal", False),
        ("cross", ["Sales call", "Scoping", "Bid preparation", "Solution design for a deal"], 0.0,
         0.0, True, "Pre-sales", False),
    ],
    "ops": [
        ("ops1", ["Order entry", "Order follow-up", "Data entry"], 1.0, 0.5, False,
         "Order operations", False),
        ("ops2", ["Invoicing", "Billing", "Reporting"], 0.4, 0.45, False, "Order operations", False),
        ("admin", ["Internal meeting"], 0.2, 0.05, False, "Internal", False),
    ],
    "support": [
        ("support", ["Support tickets", "Customer calls"], 1.0, 0.85, False, "Customer support", False),
        ("admin", ["Internal meeting"], 0.6, 0.15, False, "Internal", False),
    ],
    "engineering": [
        ("dev", ["Development", "Code review", "Testing"], 1.0, 0.85, False, "Product development",
         False),
        ("admin", ["Internal meeting"], 0.6, 0.15, False, "Internal", False),
    ],
}
DELIVERY_TASKS = ["Configuration", "Migration", "Implementation", "Project delivery", "Training",
                  "Go-live"]
TASKS = list(dict.fromkeys([t for slots in SLOTS.values() for s in slots for t in s[1]]
                           + DELIVERY_TASKS))
_T = {t: i for i, t in enumerate(TASKS)}
COST = {"sales": 70, "presales": 75, "ps": 65, "ops": 45, "support": 45, "engineering": 80}
NOTES = [""] * 13 + ["Weekly sync", "Follow-up", "Customer call"]


@dataclass
class Periods:
    day: np.ndarray      # datetime64[D]: the Friday of a week, or a working day
    month: np.ndarray    # month number, 1-based
    hours: float         # a normal period's hours


@dataclass
class TimeEntries:
    frame: pl.DataFrame  # person, period, hours, task, client (-1 = own company), project, billable
    periods: Periods
    project_names: list[str]
    project_codes: list[str]

    @property
    def height(self) -> int:
        return self.frame.height


def periods(plan: Plan) -> Periods:
    days = np.arange(plan.start, plan.end, dtype="datetime64[D]")
    weekday = (days.astype(np.int64) + 3) % 7  # 0 = Monday
    day = days[weekday < 5] if plan.daily else days[weekday == 4]
    return Periods(day, plan.month_of(day), 8.0 if plan.daily else 40.0)


def _loggers(plan: Plan, org: Org) -> np.ndarray:
    funcs = ["sales", "presales", "ps", "ops"] + (["support", "engineering"] if plan.daily else [])
    return np.flatnonzero(np.isin(org.func(), funcs))


def build_time(plan: Plan, org: Org, acc: Accounts, projects: pl.DataFrame) -> TimeEntries:
    per = periods(plan)
    rng = plan.rng("time")
    people = _loggers(plan, org)
    pi, ti = np.nonzero((org.hire[people][:, None] <= per.day[None, :]) &
                        (org.term[people][:, None] >= per.day[None, :]))
    person = people[pi].astype(np.int64)
    ti = ti.astype(np.int64)
    fnames = list(SLOTS)
    fcode_of = np.array([fnames.index(x) if x in SLOTS else -1 for x in org.func()])
    f = fcode_of[person]  # small integers: comparing 10M strings would dominate the run
    month = per.month[ti]
    scale = per.hours / 40.0
    total = rng.normal(39.5, 1.5, len(pi)) * scale
    ops_peak = _backlog(plan, month) & (f == fnames.index("ops"))
    total = np.where(ops_peak, rng.normal(47.5, 2.0, len(pi)) * scale, total)

    delivery = _delivery(plan, org, projects, per, rng)
    n_per = len(per.day)
    dkey = delivery["person"] * n_per + delivery["period"]
    delivered = np.zeros(len(pi))
    if len(dkey):
        ukeys, inv = np.unique(dkey, return_inverse=True)
        dsum = np.bincount(inv, weights=delivery["hours"])
        grid_key = person * n_per + ti
        pos = np.minimum(np.searchsorted(ukeys, grid_key), len(ukeys) - 1)
        delivered = np.where(ukeys[pos] == grid_key, dsum[pos], 0.0)
    remaining = np.maximum(total - delivered, np.where(f == fnames.index("ps"), 2.0 * scale, 0.0))
    helps_sales = _helps_sales(plan, org)

    parts = []
    for code, (fn, slots) in enumerate(SLOTS.items()):
        rows = np.flatnonzero(f == code)
        if len(rows) == 0:
            continue
        p_person, p_month = person[rows], month[rows]
        draws = rng.random((len(rows), len(slots)))
        w = rng.uniform(0.5, 1.5, (len(rows), len(slots)))
        fixed = np.zeros((len(rows), len(slots)))  # hours set directly, not a share of the rest
        for j, (name, _, p, share, *_rest) in enumerate(slots):
            p_arr, s_arr = np.full(len(rows), p), np.full(len(rows), share)
            if fn == "sales" and name == "ops":
                p_arr, s_arr = _sales_ops(plan, org, p_person, p_month, p_arr, s_arr)
            if fn == "presales" and name in ("scoping", "delivery"):
                s_arr = s_arr * _drift_factor(plan, org, p_person, p_month)
            if fn == "ps" and name == "cross":
                # a fixed slice of the week, so it never swallows a week's leftover hours
                on = helps_sales[p_person] & (draws[:, j] < 0.75)
                fixed[:, j] = np.where(on, 0.09 * total[rows] * w[:, j], 0.0)
                w[:, j] = 0.0
                continue
            w[:, j] = np.where(draws[:, j] < p_arr, s_arr * w[:, j], 0.0)
        wsum = w.sum(axis=1, keepdims=True)
        rest = np.maximum(remaining[rows] - fixed.sum(axis=1), 0.0)
        hours = rest[:, None] * w / np.where(wsum > 0, wsum, 1.0) + fixed
        hours = np.round(hours * 4) / 4
        ri, sj = np.nonzero(hours > 0)
        task = np.empty(len(ri), dtype=np.int64)
        client = np.full(len(ri), -1, dtype=np.int64)
        project = np.empty(len(ri), dtype=np.int64)
        billable = np.zeros(len(ri), dtype=bool)
        for j, (_, tasks, _, _, on_account, proj, bill) in enumerate(slots):
            sel = sj == j
            ids = np.array([_T[t] for t in tasks])
            task[sel] = ids[rng.integers(0, len(ids), sel.sum())]
            if on_account:
                client[sel] = rng.integers(0, len(acc.name), sel.sum())
            project[sel] = _P[proj]
            billable[sel] = bill
        parts.append(pl.DataFrame({
            "person": person[rows][ri], "period": ti[rows][ri], "hours": hours[ri, sj],
            "task": task, "client": client, "project": project, "billable": billable}))
    parts.append(pl.DataFrame({k: delivery[k] for k in parts[0].columns}))
    frame = pl.concat(parts, how="vertical_relaxed")
    # one integer key sorts faster than five columns; ties keep their (deterministic) order
    n_proj = len(INTERNAL_PROJECTS) + projects.height
    key = ((frame["period"].to_numpy() * org.n + frame["person"].to_numpy()) * n_proj
           + frame["project"].to_numpy()) * len(TASKS) + frame["task"].to_numpy()
    frame = frame[np.argsort(key, kind="stable")]
    names = [n for n, _ in INTERNAL_PROJECTS] + projects["name"].to_list()
    codes = [c for _, c in INTERNAL_PROJECTS] + projects["project_id"].to_list()
    return TimeEntries(frame, per, names, codes)


def _helps_sales(plan: Plan, org: Org) -> np.ndarray:
    """PS people who join sales calls and scoping: most of them when healthy, three when not."""
    helps = np.zeros(org.n, dtype=bool)
    ps_people = np.flatnonzero(org.func() == "ps")
    u = plan.rng("cross-team").random(org.n)
    if plan.troubled:
        helps[ps_people[np.argsort(u[ps_people])][: max(1, round(3 * plan.scale))]] = True
    else:
        helps[ps_people[u[ps_people] < 0.85]] = True
    return helps


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
    return np.where(np.isin(person, org.drifters), steps, 1.0)


def _delivery(plan: Plan, org: Org, projects: pl.DataFrame, per: Periods, rng) -> dict:
    """Project hours, spread evenly from start to go-live over a team from the account's unit."""
    dept = org.dept()
    kind = np.array(org.seat_kind, dtype=object)[org.seat]
    units = projects["unit"].to_numpy()
    consultants = {u: np.flatnonzero((dept == u) & (kind != "head")) for u in np.unique(units)}
    heads = {org.dept()[p]: p for p in (org.key["ps_north_head"], org.key["ps_south_head"])}
    turn = dict.fromkeys(consultants, 0)  # teams are taken in turn from the unit's consultants
    step = 1 if plan.daily else 7
    start_all = projects["started_at"].to_numpy()
    vend_all = projects["virtual_end"].to_numpy()
    total_all = projects["total_hours"].to_numpy()
    est_all = projects["estimated_hours"].to_numpy()
    acct_all = projects["account_idx"].to_numpy()
    out = {k: [] for k in ("person", "period", "hours", "project", "client")}
    for i in range(projects.height):
        start, vend, unit = start_all[i], vend_all[i], units[i]
        cands = consultants[unit]
        cands = cands[(org.hire[cands] <= start) & (org.term[cands] >= start)]
        if len(cands) == 0:
            cands = np.array([heads[unit]])
        size = min(len(cands), 3 if est_all[i] > 650 else 2)
        team = cands[(turn[unit] + np.arange(size)) % len(cands)]
        turn[unit] += size
        lo, hi = np.searchsorted(per.day, [start, min(vend, plan.end)])
        if hi <= lo:
            continue
        days_total = max(1, int((vend - start).astype(int)))
        per_period = total_all[i] / days_total * step * (7 / 5 if plan.daily else 1)
        idx = np.arange(lo, hi)
        active = (org.hire[team][:, None] <= per.day[idx][None, :]) & \
                 (org.term[team][:, None] >= per.day[idx][None, :])
        none = ~active.any(axis=0)
        n_active = np.maximum(active.sum(axis=0), 1)
        tp, tt = np.nonzero(active)
        people = np.concatenate([team[tp], np.full(none.sum(), heads[unit])])
        out["person"].append(people)
        out["period"].append(np.concatenate([idx[tt], idx[none]]))
        out["hours"].append(np.concatenate([per_period / n_active[tt],
                                            np.full(none.sum(), per_period)]))
        out["project"].append(np.full(len(people), len(INTERNAL_PROJECTS) + i))
        out["client"].append(np.full(len(people), acct_all[i]))
    d = {k: np.concatenate(v) if v else np.zeros(0, dtype=np.int64) for k, v in out.items()}
    d["hours"] = np.round(d["hours"].astype(float) * 4) / 4
    keep = d["hours"] > 0
    d = {k: v[keep] for k, v in d.items()}
    d["task"] = np.array([_T[t] for t in DELIVERY_TASKS])[rng.integers(0, len(DELIVERY_TASKS),
                                                                       len(d["hours"]))]
    d["billable"] = np.ones(len(d["hours"]), dtype=bool)
    return d


HARVEST_COLUMNS = ["Date", "Client", "Project", "Project Code", "Task", "Notes", "Hours",
                   "Billable?", "Invoiced?", "Approved?", "First Name", "Last Name", "Employee Id",
                   "Roles", "Employee?", "Billable Rate", "Billable Amount", "Cost Rate",
                   "Cost Amount", "Currency", "External Reference URL"]


HEADER = ",".join(HARVEST_COLUMNS) + "\n"


def harvest_frame(plan: Plan, org: Org, acc: Accounts, te: TimeEntries,
                  entries: pl.DataFrame) -> pl.DataFrame:
    """Harvest rows as text, gathered from small lookup tables (no Python per row). Columns that
    always travel together are pre-joined with commas, so write it with `write_harvest_csv`
    (no quoting: `_plain` makes sure no value needs it)."""
    p = entries["person"].to_numpy()
    period = entries["period"].to_numpy()
    hours = entries["hours"].to_numpy()
    billable = entries["billable"].to_numpy()
    client = entries["client"].to_numpy()
    project = entries["project"].to_numpy()
    cost_of = np.array([COST.get(fn, 60) for fn in org.func()], dtype=np.int64)
    cost = cost_of[p]
    quarters_h = np.round(hours * 4).astype(np.int64)  # hours are whole quarter hours
    day = te.periods.day
    invoiced = billable & (day[period] < plan.end - 45)
    n = len(p)

    def gather(values, idx) -> pl.Series:
        return pl.Series(_plain(values), dtype=pl.String).gather(pl.Series(idx, dtype=pl.UInt32))

    clients = list(acc.name) + [COMPANY]
    projects = [f"{a},{b}" for a, b in zip(_plain(te.project_names), _plain(te.project_codes),
                                           strict=True)]
    people = [f"{a},{b},{c},{d},Yes" for a, b, c, d in zip(
        _plain(org.first), _plain(org.last), _plain(org.emp_id), _plain(org.dept()), strict=True)]
    flags = ["No,No,Yes", "No,Yes,Yes", "Yes,No,Yes", "Yes,Yes,Yes"]  # billable, invoiced, approved
    return pl.DataFrame({
        "Date": gather(np.datetime_as_string(day), period),
        "Client": gather(clients, np.where(client < 0, len(acc.name), client)),
        "Project,Project Code": pl.Series(projects).gather(pl.Series(project, dtype=pl.UInt32)),
        "Task": gather(TASKS, entries["task"].to_numpy()),
        # Harvest quotes an empty note as ""
        "Notes": pl.Series([v or '""' for v in NOTES]).gather(
            pl.Series((p * 7 + period) % len(NOTES), dtype=pl.UInt32)),
        "Hours": _amounts(quarters_h, 1),
        "flags": pl.Series(flags).gather(pl.Series(billable * 2 + invoiced, dtype=pl.UInt32)),
        "person": pl.Series(people).gather(pl.Series(p, dtype=pl.UInt32)),
        "Billable Rate": pl.Series(["0", "140"]).gather(pl.Series(billable.astype(np.uint32))),
        "Billable Amount": _amounts(quarters_h * billable, 140),
        "Cost Rate": gather([str(c) for c in range(cost_of.max() + 1)], cost),
        "Cost Amount": _amounts(quarters_h * cost, 1),
        "Currency,External Reference URL": pl.repeat("Euro - EUR,", n, eager=True),
    })


def _plain(values) -> list[str]:
    """Values written unquoted must not need quoting."""
    out = [str(v) for v in values]
    if any(("," in v) or ('"' in v) or ("\n" in v) for v in out):
        raise ValueError("a generated name needs CSV quoting")
    return out


def write_harvest_csv(frame: pl.DataFrame, fh, header: bool = True) -> None:
    if header:
        fh.write(HEADER)
    if frame.height:
        frame.write_csv(fh, include_header=False, quote_style="never")


def _amounts(quarter_units: np.ndarray, factor: int) -> pl.Series:
    """factor × quarter_units / 4 as Harvest writes it (7.5, 8, 0.25), from a lookup table."""
    q = quarter_units.astype(np.int64) * factor
    top = int(q.max()) + 1 if len(q) else 1
    table = [f"{v / 4:.2f}".rstrip("0").rstrip(".") for v in range(top)]
    return pl.Series(table, dtype=pl.String).gather(pl.Series(q, dtype=pl.UInt32))


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
