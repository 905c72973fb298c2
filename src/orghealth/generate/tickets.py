"""Jira tickets and their histories: PS delivery projects with sprints, operations requests,
support incidents and escalations. Every planted ticket pattern is built here."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from orghealth.generate.deals import Accounts
from orghealth.generate.org import PS_NORTH, PS_SOUTH, Org
from orghealth.generate.plan import EXPORT_AT, LAST_MONTH, Plan, scaled

NAT = np.datetime64("NaT", "s")
LIMIT = (LAST_MONTH + 1).astype("datetime64[D]")  # created dates stay inside the data window
PRIORITIES = ["Highest", "High", "Medium", "Low", "Lowest"]
PROJECTS = {  # key: (name, team)
    "PSN": ("PS North Delivery", PS_NORTH),
    "PSS": ("PS South Delivery", PS_SOUTH),
    "OPS": ("Order Operations", "Order Management"),
    "SUP": ("Customer Support", "Customer Support"),
}
UNIT_KEY = {PS_NORTH: "PSN", PS_SOUTH: "PSS"}
SPRINT_OFFSET = {"PSN": 40, "PSS": 37}
BLAME = ["Engineering", "Customer Support", "Professional Services", "Sales", "Operations",
         "Customer"]
BLAME_P = [0.40, 0.16, 0.10, 0.10, 0.10, 0.14]


@dataclass
class Batch:
    """Tickets of one kind before their life cycle is worked out."""
    kind: str
    project: str
    created: np.ndarray       # datetime64[s], local time
    account: np.ndarray       # account index or -1
    reporter: np.ndarray      # person index
    assignee: np.ndarray      # person index or -1
    defer: np.ndarray         # deferral class: 0 none, 1 one event, 2 two events, 3 heavy
    ending: np.ndarray        # done, wontdo, open_deferred, open
    delay_days: np.ndarray    # days to resolve (non-sprint projects)
    root_cause: np.ndarray | None = None
    deferrer: np.ndarray | None = None  # who defers it (person index) or -1
    planted: np.ndarray | None = None   # tag for planted tickets ("" otherwise)


def _work_times(rng, days: np.ndarray) -> np.ndarray:
    """A time of day in working hours on each day, weekends moved to Monday."""
    wd = (days.astype(np.int64) + 3) % 7
    days = days + np.where(wd == 5, -1, np.where(wd == 6, 1, 0))
    days = np.where((days >= LIMIT) & (wd == 6), days - 3, days)
    minutes = rng.integers(8 * 60, 18 * 60, len(days))
    seconds = rng.integers(0, 60, len(days))
    return days.astype("datetime64[s]") + (minutes * 60 + seconds).astype("timedelta64[s]")


def _days_in_months(plan: Plan, rng, counts: np.ndarray, first_month: int = 1) -> np.ndarray:
    months = np.repeat(np.arange(first_month, first_month + len(counts)), counts)
    start = (plan.first_month + (months - 1)).astype("datetime64[D]")
    length = ((plan.first_month + months).astype("datetime64[D]") - start).astype(np.int64)
    return start + (rng.random(len(months)) * length).astype(np.int64)


def _pick(org: Org, pool: np.ndarray, days: np.ndarray, rng) -> np.ndarray:
    """For each day, a random member of pool employed that day."""
    out = np.empty(len(days), dtype=np.int64)
    u = rng.random(len(days))
    months = days.astype("datetime64[M]")
    for m in np.unique(months):
        sel = months == m
        lo = m.astype("datetime64[D]")
        hi = (m + 1).astype("datetime64[D]") - 1
        act = pool[(org.hire[pool] <= lo) & (org.term[pool] >= hi)]
        if len(act) == 0:
            act = pool[(org.hire[pool] <= hi) & (org.term[pool] >= lo)]
        if len(act) == 0:
            act = pool
        out[sel] = act[(u[sel] * len(act)).astype(np.int64)]
    return out


def _headcount(plan: Plan, org: Org, pool: np.ndarray) -> np.ndarray:
    mids = np.array([plan.month_start(m) + 14 for m in range(1, plan.months + 1)])
    return ((org.hire[pool][:, None] <= mids) & (org.term[pool][:, None] >= mids)).sum(axis=0)


def _ps_batches(plan: Plan, org: Org, acc: Accounts) -> list[Batch]:
    out = []
    dept = org.dept()
    kind = np.array(org.seat_kind, dtype=object)[org.seat]
    m = np.arange(1, plan.months + 1)
    r = plan.reorg_month
    for unit in (PS_NORTH, PS_SOUTH):
        key = UNIT_KEY[unit]
        rng = plan.rng(f"tickets-{key}")
        pool = np.flatnonzero((dept == unit) & (kind != "head"))
        head = org.key["ps_north_head" if unit == PS_NORTH else "ps_south_head"]
        hc = _headcount(plan, org, pool)
        accounts = np.flatnonzero(acc.unit == unit)
        north_hit = plan.troubled and unit == PS_NORTH
        for ticket_kind, rate in (("revenue", 0.45), ("initiative", 0.45), ("warning", 0.5)):
            lam = np.full(plan.months, rate) * hc
            if ticket_kind == "warning" and north_hit:
                lam = lam * np.select([m < r, m == r, m == r + 1], [1.0, 0.7, 0.45], 0.2)
            counts = rng.poisson(lam)
            days = _days_in_months(plan, rng, counts)
            n = len(days)
            created = _work_times(rng, days)
            reporter = _pick(org, pool, days, rng)
            account = accounts[rng.integers(0, len(accounts), n)]
            u = rng.random(n)
            month = plan.month_of(days)
            if ticket_kind == "revenue":
                defer = np.select([u < 0.90, u < 0.98], [0, 1], 2)
                assignee = reporter
                account = np.where(rng.random(n) < 0.03, -1, account)
            elif ticket_kind == "initiative":
                normal = np.select([u < 0.76, u < 0.94, u < 0.975], [0, 1, 2], 3)
                hit = north_hit & (month >= r)
                defer = np.where(hit, np.select([u < 0.08, u < 0.16, u < 0.26], [0, 1, 2], 3), normal)
                assignee = reporter
                account = np.where(rng.random(n) < 0.08, -1, account)  # internal initiatives
            else:
                defer = np.zeros(n, dtype=np.int64)
                assignee = np.full(n, head)
            v = rng.random(n)
            ending = np.where(defer == 3, np.select([v < 0.4, v < 0.6], ["open_deferred", "wontdo"],
                                                    "done"), "done").astype(object)
            deferrer = np.full(n, -1)
            if north_hit and ticket_kind == "initiative":
                deferrer = np.where((month >= r) & (rng.random(n) < 0.5), org.key["vp_sales"], head)
            out.append(Batch(ticket_kind, key, created, account, reporter, assignee, defer, ending,
                             np.zeros(n), deferrer=deferrer, planted=np.full(n, "", dtype=object)))
    return out


def _flag_then_blame(plan: Plan, org: Org, warnings: Batch, rng) -> tuple[Batch, Batch]:
    """Troubled: warnings PS North raised around the move are shelved, then the account escalates
    and the escalation is blamed on Professional Services."""
    r = plan.reorg_month
    month = plan.month_of(warnings.created.astype("datetime64[D]"))
    k = max(10, scaled(plan, 10))
    cand = np.flatnonzero((month >= r - 2) & (month <= r + 2) & (warnings.account >= 0))
    # one per account, spread over the window
    _, first = np.unique(warnings.account[cand], return_index=True)
    cand = cand[np.sort(first)]
    chosen = cand[np.linspace(0, len(cand) - 1, min(k, len(cand))).astype(int)] if len(cand) else cand
    if not plan.troubled:
        chosen = chosen[:0]
    warnings.defer[chosen] = 1
    warnings.ending[chosen] = np.where(np.arange(len(chosen)) % 2 == 0, "wontdo", "open_deferred")
    warnings.deferrer = np.full(len(warnings.created), -1)
    warnings.deferrer[chosen] = org.key["vp_sales"]
    warnings.planted[chosen] = "flagged"
    lag = rng.integers(30, 91, len(chosen)).astype("timedelta64[D]")
    after = plan.month_start(r + 1).astype("datetime64[s]") + np.timedelta64(10 * 3600, "s")
    # the earliest escalations are spread over the month after the move (three days apart for
    # ten); a fixed step would push a large company's hundreds of them past the export date
    step = 86400 * 30 // max(len(chosen), 10)
    created = np.maximum(warnings.created[chosen] + lag, after + np.arange(len(chosen)) * step)
    n = len(chosen)
    delay = rng.uniform(2, 10, n)
    # an escalation that would come after the export (short windows) is not in it
    keep = created < LIMIT.astype("datetime64[s]")
    esc = Batch("escalation", "SUP", created[keep], warnings.account[chosen][keep],
                np.zeros(keep.sum(), np.int64), np.zeros(keep.sum(), np.int64),
                np.zeros(keep.sum(), np.int64), np.full(keep.sum(), "done", dtype=object),
                delay[keep], root_cause=np.full(keep.sum(), "Professional Services", dtype=object),
                planted=np.full(keep.sum(), "blamed", dtype=object))
    return warnings, esc


def _support_batches(plan: Plan, org: Org, acc: Accounts) -> list[Batch]:
    rng = plan.rng("tickets-SUP")
    m = np.arange(1, plan.months + 1)
    r = plan.reorg_month
    out = []
    for kind, rate in (("incident", 4.0), ("escalation", 4.0)):
        lam = np.full(plan.months, rate * plan.scale)
        counts = rng.poisson(lam)
        days = _days_in_months(plan, rng, counts)
        n = len(days)
        account = rng.integers(0, len(acc.name), n)
        if kind == "escalation" and plan.troubled:
            # after the move, more of the escalations come from PS North's accounts
            extra = rng.poisson(lam * 0.6 * (m >= r))
            xdays = _days_in_months(plan, rng, extra)
            north = np.flatnonzero(acc.unit == PS_NORTH)
            days = np.concatenate([days, xdays])
            account = np.concatenate([account, north[rng.integers(0, len(north), len(xdays))]])
            n = len(days)
        created = _work_times(rng, days)
        month = plan.month_of(days)
        root = None
        if kind == "escalation":
            root = np.array(BLAME, dtype=object)[rng.choice(len(BLAME), n, p=BLAME_P)]
            if plan.troubled:
                u = rng.random(n)
                after = month >= r
                is_north = acc.unit[account] == PS_NORTH
                root = np.where(after & is_north & (u < 0.92), "Professional Services", root)
                root = np.where(after & ~is_north & (u < 0.2), "Professional Services", root)
        delay = rng.lognormal(np.log(2.5), 0.6, n)
        out.append(Batch(kind, "SUP", created, account, np.zeros(n, np.int64), np.zeros(n, np.int64),
                         np.zeros(n, np.int64), np.full(n, "done", dtype=object), delay,
                         root_cause=root, planted=np.full(n, "", dtype=object)))
    return out


def _ops_batch(plan: Plan, org: Org, acc: Accounts) -> Batch:
    """Order and billing requests; troubled months of the backlog: more come in, fewer go out."""
    rng = plan.rng("tickets-OPS")
    m = np.arange(1, plan.months + 1)
    b1, b2 = plan.backlog_months
    lam = np.full(plan.months, 16 * plan.scale)
    peak = (m >= b1) & (m <= b2)
    if plan.troubled:
        lam = lam * np.where(peak, 1.5, 1.0)
    counts = rng.poisson(lam)
    days = _days_in_months(plan, rng, counts)
    n = len(days)
    created = _work_times(rng, days)
    month = plan.month_of(days)
    delay = rng.lognormal(np.log(3.0), 0.5, n)
    if plan.troubled:
        # a queue builds through the backlog months and drains over the next two
        wait = np.select([month == b1, month == b1 + 1, month == b1 + 2, month == b1 + 3,
                          month == b2 + 1, month == b2 + 2], [12, 25, 38, 45, 20, 8], 0)
        wait = np.where(month > b2 + 2, 0, np.where(month < b1, 0, wait))
        delay = delay + wait * rng.uniform(0.7, 1.3, n)
    account = np.where(rng.random(n) < 0.3, -1, rng.integers(0, len(acc.name), n))
    return Batch("ops", "OPS", created, account, np.zeros(n, np.int64), np.zeros(n, np.int64),
                 np.zeros(n, np.int64), np.full(n, "done", dtype=object), delay,
                 planted=np.full(n, "", dtype=object))


def _mismatch_batch(plan: Plan, projects: pl.DataFrame, acc: Accounts, org: Org) -> list[Batch]:
    """'Not what I was sold' tickets: on the accounts of deals promised without Delivery."""
    rng = plan.rng("tickets-mismatch")
    n_p = projects.height
    late = projects["late"].to_numpy()
    count = rng.poisson(0.08, n_p) + np.where(late, 1 + rng.poisson(1.2, n_p), 0)
    start = projects["started_at"].to_numpy() + 20
    stop = np.minimum(projects["virtual_end"].to_numpy(), plan.end - 1)
    idx = np.repeat(np.arange(n_p), count)
    span = np.maximum((stop - start).astype(np.int64), 1)[idx]
    days = start[idx] + (rng.random(len(idx)) * span).astype(np.int64)
    keep = (days >= plan.start) & (days < plan.end)
    idx, days = idx[keep], days[keep]
    name_to_idx = {a: i for i, a in enumerate(acc.name)}
    account = np.array([name_to_idx[a] for a in projects["account"].to_numpy()[idx]], dtype=np.int64)
    units = projects["unit"].to_numpy()[idx]
    out = []
    for unit, key in UNIT_KEY.items():
        sel = units == unit
        n = int(sel.sum())
        out.append(Batch("mismatch", key, _work_times(rng, days[sel]), account[sel],
                         np.zeros(n, np.int64), np.zeros(n, np.int64), np.zeros(n, np.int64),
                         np.full(n, "done", dtype=object), np.zeros(n),
                         planted=np.full(n, "", dtype=object)))
    return out


@dataclass
class Tickets:
    issues: pl.DataFrame   # one row per ticket
    events: pl.DataFrame   # one row per field change
    sprints: pl.DataFrame  # one row per sprint


def build_tickets(plan: Plan, org: Org, acc: Accounts, projects: pl.DataFrame) -> Tickets:
    rng = plan.rng("tickets-life")
    batches = _ps_batches(plan, org, acc)
    north_warn = next(b for b in batches if b.kind == "warning" and b.project == "PSN")
    _, blamed = _flag_then_blame(plan, org, north_warn, plan.rng("tickets-blame"))
    batches += _support_batches(plan, org, acc) + [_ops_batch(plan, org, acc), blamed]
    batches += _mismatch_batch(plan, projects, acc, org)
    batches = [b for b in batches if len(b.created)]
    cat = {f: np.concatenate([getattr(b, f) if getattr(b, f) is not None else
                              np.full(len(b.created), None if f == "root_cause" else -1)
                              for b in batches])
           for f in ("created", "account", "reporter", "assignee", "defer", "ending", "delay_days",
                     "root_cause", "deferrer", "planted")}
    kind = np.concatenate([np.full(len(b.created), b.kind, dtype=object) for b in batches])
    project = np.concatenate([np.full(len(b.created), b.project, dtype=object) for b in batches])
    n = len(kind)
    created = cat["created"]
    days = created.astype("datetime64[D]")
    dept, func = org.dept(), org.func()
    people_kind = np.array(org.seat_kind, dtype=object)[org.seat]
    # who reports and works the tickets that are not PS's own
    support = np.flatnonzero(func == "support")
    ops = np.flatnonzero(func == "ops")
    sales = np.flatnonzero(func == "sales")
    reporter, assignee = cat["reporter"].copy(), cat["assignee"].copy()
    for k, rep_pool, asg_pool in (("incident", support, support), ("escalation", sales, support),
                                  ("ops", sales, ops)):
        sel = kind == k
        if sel.any():
            reporter[sel] = _pick(org, rep_pool, days[sel], rng)
            assignee[sel] = _pick(org, asg_pool, days[sel], rng)
    for key, unit in (("PSN", PS_NORTH), ("PSS", PS_SOUTH)):
        sel = (kind == "mismatch") & (project == key)
        if sel.any():
            pool = np.flatnonzero((dept == unit) & (people_kind != "head"))
            reporter[sel] = _pick(org, pool, days[sel], rng)
            assignee[sel] = reporter[sel]

    # sprints: two weeks each, PS projects only
    first_monday = plan.start - ((plan.start.astype(np.int64) + 3) % 7)
    n_sprints = int((EXPORT_AT.astype("datetime64[D]") - first_monday).astype(int) // 14) + 2
    sprint_start = first_monday + 14 * np.arange(n_sprints)
    is_sprint = np.isin(project, ["PSN", "PSS"])
    s0 = np.clip(np.searchsorted(sprint_start, days, side="right") - 1, 0, n_sprints - 1)
    s0 = np.where((sprint_start[s0] + 12 <= days) & (s0 < n_sprints - 1), s0 + 1, s0)
    defer = cat["defer"]
    u = rng.random((n, 8))
    n_spr = np.select([defer == 3, defer == 2], [3 + (u[:, 0] * 3).astype(int), 2], 1)
    n_spr = np.where(is_sprint, n_spr, 0)
    # how the deferrals show: status moves, a lowered priority, due dates pushed
    n_status = np.select([defer == 3, defer == 2, defer == 1],
                         [1 + (u[:, 1] < 0.6), (u[:, 1] < 0.5).astype(int),
                          (u[:, 1] < 0.4).astype(int)], 0)
    n_prio = np.select([defer == 3, defer == 2, defer == 1],
                       [(u[:, 2] < 0.7).astype(int), (n_status == 0).astype(int),
                        ((n_status == 0) & (u[:, 2] < 0.5)).astype(int)], 0)
    n_due = np.select([defer == 3, defer == 2, defer == 1],
                      [1 + (u[:, 3] < 0.5), 2 - n_status - n_prio, 1 - n_status - n_prio], 0)
    n_due = np.maximum(n_due, 0)
    is_warning_flag = cat["planted"] == "flagged"
    n_status = np.where(is_warning_flag, 1, n_status)
    n_prio = np.where(is_warning_flag, 0, n_prio)
    n_due = np.where(is_warning_flag, 0, n_due)

    # life span
    last_sprint = np.minimum(s0 + np.maximum(n_spr, 1) - 1, n_sprints - 1)
    in_sprint_end = sprint_start[last_sprint].astype("datetime64[s]") + \
        ((1 + u[:, 4] * 11) * 86400).astype("timedelta64[s]")
    sprint_done = np.maximum(in_sprint_end, created + np.timedelta64(86400, "s"))
    flow_done = created + (cat["delay_days"] * 86400).astype("timedelta64[s]")
    mismatch_done = created + ((10 + u[:, 5] * 30) * 86400).astype("timedelta64[s]")
    resolved = np.where(kind == "mismatch", mismatch_done, np.where(is_sprint, sprint_done, flow_done))
    ending = cat["ending"].copy()
    still_open = (resolved >= EXPORT_AT) | np.isin(ending, ["open_deferred"])
    ending = np.where((resolved >= EXPORT_AT) & (ending != "open_deferred"), "open", ending)
    end_t = np.where(still_open, EXPORT_AT, resolved)
    resolved = np.where(still_open, NAT, resolved)
    life = (end_t - created).astype(np.int64)

    def at(frac):
        return created + (np.asarray(frac) * life).astype("timedelta64[s]")

    defer_status = np.where(u[:, 6] < 0.5, "Backlog", "On Hold").astype(object)
    defer_status2 = np.where(u[:, 6] < 0.5, "On Hold", "Backlog").astype(object)
    ends_deferred = np.isin(ending, ["open_deferred", "wontdo"]) & (n_status > 0)
    p0 = np.select([kind == "escalation", kind == "warning", kind == "mismatch", kind == "incident"],
                   [0, 1, 1, 1 + (u[:, 7] < 0.5)], 2)
    p_final = p0 + n_prio
    has_due = is_sprint & np.isin(kind, ["revenue", "initiative"])
    due0 = days + 14 + (u[:, 7] * 21).astype(int)
    pushes = 14 + (rng.random((n, 2)) * 14).astype(int)
    due1 = due0 + pushes[:, 0]
    due2 = due1 + pushes[:, 1]
    due_final = np.select([n_due >= 2, n_due == 1], [due2, due1], due0)

    ev = []  # (mask, time, field, from, to, author-kind)
    assignee_or_rep = np.where(assignee >= 0, assignee, reporter)
    deferrer = np.where(cat["deferrer"] >= 0, cat["deferrer"], assignee_or_rep)
    ev.append((np.ones(n, bool), at(0.06), "status", "To Do", "In Progress", assignee_or_rep))
    ev.append((n_status >= 1, at(0.22), "status", "In Progress", defer_status, deferrer))
    ret1 = (n_status >= 1) & ~((n_status == 1) & ends_deferred)
    ev.append((ret1, at(0.32), "status", defer_status, "In Progress", assignee_or_rep))
    ev.append((n_status >= 2, at(0.52), "status", "In Progress", defer_status2, deferrer))
    ret2 = (n_status >= 2) & ~ends_deferred
    ev.append((ret2, at(0.62), "status", defer_status2, "In Progress", assignee_or_rep))
    pnames = np.array(PRIORITIES, dtype=object)
    ev.append((n_prio >= 1, at(0.42), "priority", pnames[p0], pnames[np.minimum(p_final, 4)],
               deferrer))
    fmt_due = np.datetime_as_string
    ev.append((has_due & (n_due >= 1), at(0.28), "duedate", fmt_due(due0), fmt_due(due1), deferrer))
    ev.append((has_due & (n_due >= 2), at(0.58), "duedate", fmt_due(due1), fmt_due(due2), deferrer))
    last_status = np.where(n_status >= 2, defer_status2, np.where(n_status == 1, defer_status,
                                                                  "In Progress"))
    from_final = np.where(ends_deferred, last_status, "In Progress")
    final_status = np.where(ending == "wontdo", "Closed", "Done").astype(object)
    closed = ~still_open
    ev.append((closed, end_t, "status", from_final, final_status, assignee_or_rep))
    ev.append((closed, end_t, "resolution", None,
               np.where(ending == "wontdo", "Won't Do", "Done").astype(object), assignee_or_rep))
    status = np.select([ending == "open_deferred", ending == "open", ending == "wontdo"],
                       [last_status, "In Progress", "Closed"], "Done").astype(object)
    status = np.where(ending == "open_deferred", np.where(n_status > 0, last_status, "Backlog"),
                      status)

    sprint_names = np.array([[f"{k} Sprint {SPRINT_OFFSET[k] + i + 1}" for i in range(n_sprints)]
                             for k in ("PSN", "PSS")], dtype=object)
    proj_row = np.where(project == "PSS", 1, 0)
    sprint_lists, sprint_events = _sprint_events(n, n_spr, s0, last_sprint, proj_row, sprint_names,
                                                 sprint_start, created, end_t)
    for j, (mask, t, frm, to) in enumerate(sprint_events):
        # joining the first sprint is logged with the start of work, in the same history
        ev.append((mask, at(0.06) if j == 0 else t, "Sprint", frm, to,
                   assignee_or_rep if j == 0 else deferrer))

    events = []
    for mask, t, field, frm, to, who in ev:
        idx = np.flatnonzero(mask & (t <= end_t) if field != "resolution" else mask)
        def pick(v, idx=idx):
            return np.asarray(v, dtype=object)[idx] if np.ndim(v) else np.full(len(idx), v, dtype=object)
        events.append(pl.DataFrame({
            "t": idx, "at": t[idx].astype("datetime64[ms]"), "field": np.full(len(idx), field),
            "from": list(pick(frm)), "to": list(pick(to)), "author": np.asarray(who)[idx],
        }, schema_overrides={"from": pl.String, "to": pl.String}))
    events = pl.concat(events).sort("t", "at", "field")

    # order by creation: keys per project, ids across the site
    order = np.lexsort((kind.astype(str), created))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    key_no = np.zeros(n, dtype=np.int64)
    for key in PROJECTS:
        sel = np.flatnonzero(project == key)
        key_no[sel[np.argsort(rank[sel])]] = np.arange(1, len(sel) + 1)
    labels = _labels(kind, cat["root_cause"], cat["planted"], rng)
    issues = pl.DataFrame({
        "t": np.arange(n), "rank": rank, "kind": list(kind), "project": list(project),
        "key": [f"{p}-{k}" for p, k in zip(project, key_no, strict=True)],
        "id": 10000 + rank * 3 + 7,
        "created": created.astype("datetime64[ms]"), "resolved": resolved.astype("datetime64[ms]"),
        "updated": end_t.astype("datetime64[ms]"),
        "status": list(status), "resolution": list(np.where(closed, np.where(
            ending == "wontdo", "Won't Do", "Done"), None)),
        "priority": list(pnames[np.minimum(p_final, 4)]),
        "due": np.where(has_due, due_final, np.datetime64("NaT")),
        "account": cat["account"], "reporter": reporter, "assignee": assignee,
        "root_cause": list(cat["root_cause"]), "labels": labels,
        "sprints": sprint_lists, "planted": list(cat["planted"]),
        "defer": defer,
    }, schema_overrides={"resolution": pl.String, "root_cause": pl.String})
    sprints = pl.DataFrame({
        "project": ["PSN"] * n_sprints + ["PSS"] * n_sprints,
        "name": list(sprint_names[0]) + list(sprint_names[1]),
        "start": np.concatenate([sprint_start, sprint_start]),
        "id": np.concatenate([np.arange(n_sprints) + 101, np.arange(n_sprints) + 401]),
    })
    return Tickets(issues.sort("rank"), events, sprints)


def _sprint_events(n, n_spr, s0, last_sprint, proj_row, names, starts, created, end_t):
    """Sprint membership and its changes: added to a sprint, then carried into the next ones."""
    max_n = int(n_spr.max()) if n else 0
    cols, events = {}, []
    joined = np.full(n, "", dtype=object)
    for j in range(max_n):
        idx = np.minimum(s0 + j, len(starts) - 1)
        valid = (n_spr > j) & (s0 + j <= last_sprint)
        name_j = names[proj_row, idx]
        cols[f"s{j}"] = pl.Series(list(np.where(valid, name_j, None)), dtype=pl.String)
        before = joined.copy()
        joined = np.where(valid, np.where(j == 0, name_j, joined + ", " + name_j), joined)
        if j == 0:
            t = created + np.timedelta64(300, "s")
            frm = None
        else:
            t = np.maximum(starts[idx].astype("datetime64[s]") + np.timedelta64(9 * 3600, "s"),
                           created + np.timedelta64(600, "s"))
            frm = before
        events.append((valid & (t <= end_t), t, frm, joined.copy()))
    if not cols:
        return pl.Series([[]] * n, dtype=pl.List(pl.String)), events
    lists = pl.DataFrame(cols).select(pl.concat_list(pl.all()).list.drop_nulls()).to_series()
    return lists, events


LABELS = {
    "revenue": ["billable", "change-order", "customer-request", "sow"],
    "initiative": ["initiative", "health-check", "qbr", "enablement", "best-practice"],
    "warning": ["risk", "proactive", "early-warning", "heads-up", "concern"],
    "mismatch": ["expectation-gap", "oversold", "not-as-sold", "scope-dispute"],
    "ops": ["order-entry", "order-follow-up", "invoice", "billing"],
    "incident": ["incident", "customer"],
    "escalation": ["escalation", "exec-escalation"],
}
TYPOS = {"initiative": "intiative", "health-check": "helth-check", "escalation": "escalaton"}


def _labels(kind, root_cause, planted, rng) -> pl.Series:
    """One label from the ticket kind's pool, sometimes a second one, 'customer', 'rca-ps'."""
    n = len(kind)
    u = rng.random((n, 4))
    main = np.empty(n, dtype=object)
    second = np.full(n, None, dtype=object)
    for k, pool in LABELS.items():
        sel = kind == k
        pool_a = np.array(pool, dtype=object)
        main[sel] = pool_a[(u[sel, 0] * len(pool)).astype(int)]
        if k in ("revenue", "initiative", "ops"):
            second[sel] = np.where(u[sel, 2] < 0.25, pool_a[(u[sel, 3] * len(pool)).astype(int)],
                                   None)
    esc = kind == "escalation"
    main[esc] = np.where(u[esc, 0] < 0.4, "exec-escalation", "escalation")
    for label, typo in TYPOS.items():
        main[(main == label) & (u[:, 1] < 0.05) & ~esc] = typo
    customer = np.where(np.isin(kind, ["revenue", "initiative", "warning", "mismatch"])
                        & (u[:, 3] < 0.3), "customer", None)
    rca = np.where((root_cause == "Professional Services") & (u[:, 2] < 0.35), "rca-ps", None)
    cols = {c: pl.Series(list(v), dtype=pl.String)
            for c, v in (("a", main), ("b", second), ("c", customer), ("d", rca))}
    return pl.DataFrame(cols).select(
        pl.concat_list("a", "b", "c", "d").list.drop_nulls().list.unique(maintain_order=True)
    ).to_series()
