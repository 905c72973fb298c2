"""Customer accounts, HubSpot deals and the delivery projects that won deals start."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from orghealth.generate.names import account_names
from orghealth.generate.org import FAR, PS_NORTH, PS_SOUTH, Org
from orghealth.generate.plan import EXPORT_AT, Plan, scaled, text

PRE_WINDOW_MONTHS = 4  # deals closed before the data starts keep PS busy from month 1


@dataclass
class Accounts:
    name: np.ndarray
    unit: np.ndarray  # the PS unit that serves it
    owner_seat: np.ndarray


def build_accounts(plan: Plan, org: Org) -> Accounts:
    rng = plan.rng("accounts")
    n = scaled(plan, 80, minimum=8)
    names = np.array(account_names(rng, n), dtype=object)
    unit = np.where(np.arange(n) % 2 == 0, PS_NORTH, PS_SOUTH).astype(object)
    reps = [s for s in range(len(org.seat_dept))
            if org.seat_dept[s] == "Sales" and org.seat_kind[s] == "member"]
    owner = np.array(reps, dtype=np.int64)[rng.permutation(n) % len(reps)]
    return Accounts(names, unit, owner)


@dataclass
class Deals:
    frame: pl.DataFrame      # one row per deal, typed (written out by write_hubspot)
    projects: pl.DataFrame   # one row per delivery project, typed


def build_deals(plan: Plan, org: Org, acc: Accounts) -> Deals:
    rng = plan.rng("deals")
    months = np.arange(1 - PRE_WINDOW_MONTHS, plan.months + 1)
    kinds = []
    for kind, rate in (("project", 7.5), ("renewal", 2.0), ("lost", 5.0)):
        counts = rng.poisson(rate * plan.scale, size=len(months))
        kinds.append((np.full(counts.sum(), kind, dtype=object), np.repeat(months, counts)))
    n_open = rng.poisson(8 * plan.scale)
    kinds.append((np.full(n_open, "open", dtype=object), np.full(n_open, plan.months + 1)))
    kind = np.concatenate([k for k, _ in kinds])
    month = np.concatenate([m for _, m in kinds])
    n = len(kind)
    mstart = (plan.first_month + (month - 1)).astype("datetime64[D]")
    close = mstart + rng.integers(0, 28, n)
    close_min = rng.integers(8 * 60, 18 * 60, n)
    account = rng.integers(0, len(acc.name), n)
    create = close - rng.integers(20, 150, n)
    modified = np.minimum(close + rng.integers(0, 30, n), EXPORT_AT.astype("datetime64[D]") - 1)
    amount = np.round(rng.lognormal(np.log(60000), 0.5, n), -2)
    amount_set = (kind != "open") | (rng.random(n) < 0.7)
    est = np.round(rng.uniform(300, 900, n), -1)
    u_bad, u_scope, u_cons, u_stall = rng.random((4, n))
    in_window = month >= 1
    is_project = kind == "project"
    bad = is_project & in_window & (u_bad < (0.30 if plan.troubled else 0.05))
    scope_changed = bad | (is_project & (u_scope < 0.15))
    consulted = is_project & ~bad & (scope_changed | (u_cons < 0.88))
    promised = close + rng.integers(60, 121, n)
    owner = np.array([org.occupant_at(int(acc.owner_seat[a]), c) for a, c in zip(account, close, strict=True)])
    record_id = 14_000_000_000 + np.argsort(np.argsort(create.astype(np.int64) * 10**6 + np.arange(n))) * 7 + \
        rng.integers(0, 7, n)
    stage = np.select([kind == "lost", kind == "open"], ["Closed Lost", "open"], "Closed Won").astype(object)
    open_stages = np.array(["Appointment Scheduled", "Qualified To Buy", "Presentation Scheduled",
                            "Decision Maker Bought-In", "Contract Sent"], dtype=object)
    stage = np.where(kind == "open", open_stages[rng.integers(0, 5, n)], stage)
    reasons = np.array(["Chose a competitor", "No budget", "No decision", "Timing"], dtype=object)
    label = np.select([kind == "renewal", kind == "lost", kind == "open"],
                      ["Renewal", "Platform", "Platform"], "New implementation").astype(object)
    label = np.where(is_project & (rng.random(n) < 0.35), "Expansion", label)
    deals = pl.DataFrame({
        "deal_id": record_id.astype(str),
        "name": [f"{acc.name[a]} - {lbl}" for a, lbl in zip(account, label, strict=True)],
        "kind": kind.astype(str), "stage": stage.astype(str), "month": month,
        "account": acc.name[account].astype(str), "account_idx": account,
        "unit": acc.unit[account].astype(str),
        "owner": owner, "close": close, "close_min": close_min, "create": create,
        "modified": modified, "amount": np.where(amount_set, amount, np.nan),
        "lost_reason": text(np.where(kind == "lost", reasons[rng.integers(0, 4, n)], None)),
        "promised": np.where(is_project, promised, np.datetime64("NaT")),
        "scope_changed": text(np.where(is_project, np.where(scope_changed, "Yes", "No"), None)),
        "consulted": text(np.where(is_project, np.where(consulted, "Yes", "No"), None)),
        "est": np.where(is_project, est, np.nan), "bad": bad,
        "u_stall": u_stall,
    }).with_columns(pl.col("amount", "est").fill_nan(None)).sort("create", "deal_id")
    return Deals(deals, _projects(plan, org, deals))


def _projects(plan: Plan, org: Org, deals: pl.DataFrame) -> pl.DataFrame:
    d = deals.filter(pl.col("kind") == "project").sort("close", "deal_id")
    rng = plan.rng("projects")
    n = d.height
    close = d["close"].to_numpy()
    promised = d["promised"].to_numpy()
    late = d["bad"].to_numpy() & plan.troubled  # the planted cause only acts in troubled
    started = close + rng.integers(5, 21, n)
    live = np.where(late, promised + rng.integers(60, 121, n), promised + rng.integers(-10, 15, n))
    stalled = late & (d["u_stall"].to_numpy() < 0.3)
    ratio = np.where(late, rng.uniform(1.4, 1.8, n), rng.uniform(1.02, 1.18, n))
    total = d["est"].to_numpy() * ratio
    # hours run at an even rate up to go-live; a stalled project keeps burning slowly
    virtual_end = np.where(stalled, promised + 330, live)
    go_live = np.where(stalled | (live >= plan.end), np.datetime64("NaT"), live)
    status = np.select([stalled, live >= plan.end], ["On hold", "In progress"], "Live")
    # who scoped it: Sales alone for the planted deals, with pre-sales or delivery otherwise
    dept, func = org.dept(), org.func()
    se = np.flatnonzero(func == "presales")
    scoped = []
    u = rng.random((n, 3))
    is_lead = np.isin(np.array(org.seat_kind, dtype=object)[org.seat], ["head", "lead"])
    leads = {unit: np.flatnonzero((dept == unit) & is_lead) for unit in np.unique(d["unit"])}
    owner, bad, units = d["owner"].to_numpy(), d["bad"].to_numpy(), d["unit"].to_numpy()
    for i in range(n):
        ids = [org.emp_id[owner[i]]]
        if not bad[i]:
            act = se[(org.hire[se] <= close[i]) & (org.term[se] >= close[i])]
            if len(act):
                ids.append(org.emp_id[act[int(u[i, 0] * len(act))]])
            if u[i, 1] < 0.5:
                pool = leads[units[i]]
                pool = pool[(org.hire[pool] <= close[i]) & (org.term[pool] >= close[i])]
                if len(pool):
                    ids.append(org.emp_id[pool[int(u[i, 2] * len(pool))]])
        scoped.append(";".join(ids))
    return pl.DataFrame({
        "project_id": [f"PRJ-{i + 1:04d}" for i in range(n)],
        "name": [f"Implementation {str(c)[:7]}" for c in close],
        "deal_id": d["deal_id"], "account": d["account"], "account_idx": d["account_idx"],
        "unit": d["unit"],
        "started_at": started, "go_live_at": go_live, "estimated_hours": d["est"],
        "scoped_by": scoped, "status": status.astype(str),
        "total_hours": total, "virtual_end": virtual_end, "late": late, "stalled": stalled,
        "bad": d["bad"], "close": close,
    })


def write_hubspot(plan: Plan, org: Org, deals: pl.DataFrame, path,
                  mangle_row: int | None = None) -> str | None:
    """HubSpot 'all deals' export: BOM, CRLF, every field quoted; leavers as deactivated users.
    With mangle_row, that row's close date is written as a spreadsheet re-save shows it."""
    export_day = EXPORT_AT.astype("datetime64[D]")
    owner = deals["owner"].to_numpy()
    gone = org.term[owner] < export_day
    owner_text = np.where(gone, org.email[owner] + " (Deactivated User)", org.name[owner])

    close_min = deals["close_min"].to_numpy()
    df = pl.DataFrame({
        "Record ID": deals["deal_id"],
        "Deal Name": deals["name"],
        "Deal Stage": deals["stage"],
        "Close Date": _fmt(deals["close"], close_min),
        "Deal owner": owner_text.astype(str),
        "Amount": deals["amount"].cast(pl.Int64).cast(pl.String),
        "Closed Lost Reason": deals["lost_reason"],
        "Last Modified Date": _fmt(deals["modified"], (close_min + 97) % 600 + 480),
        "Create Date": _fmt(deals["create"], (close_min * 7) % 600 + 480),
        "Associated Company": deals["account"],
        "Promised Go-Live Date": deals["promised"].dt.strftime("%Y-%m-%d"),
        "Scope Changed At Close": deals["scope_changed"],
        "Delivery Consulted": deals["consulted"],
        "Estimated Hours": deals["est"].cast(pl.Int64).cast(pl.String),
    })
    value = None
    if mangle_row is not None:
        d = df["Close Date"][mangle_row]
        value = f"{d[:4]}/{d[5:7]}/{d[8:10]} {d[11:]}"
        df = df.with_columns(df["Close Date"].scatter(mangle_row, value))
    with open(path, "wb") as fh:
        fh.write(b"\xef\xbb\xbf")
        df.write_csv(fh, line_terminator="\r\n", quote_style="always", null_value="")
    return value


def _fmt(days: pl.Series, minutes: np.ndarray) -> pl.Series:
    ts = days.cast(pl.Datetime("us")) + pl.Series(minutes.astype(np.int64) * 60_000_000).cast(
        pl.Duration("us"))
    return ts.dt.strftime("%Y-%m-%d %H:%M")


def write_projects(projects: pl.DataFrame, path) -> None:
    projects.select(
        "project_id", "name", "deal_id", "account",
        pl.col("started_at").dt.strftime("%Y-%m-%d"),
        pl.col("go_live_at").dt.strftime("%Y-%m-%d"),
        pl.col("estimated_hours").cast(pl.Int64),
        "scoped_by", "status",
    ).write_csv(path)


__all__ = ["FAR", "build_accounts", "build_deals", "write_hubspot", "write_projects"]
