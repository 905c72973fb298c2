"""Harvest files per quarter, with the few rows a spreadsheet re-save mangled (the same rows in
both scenarios, listed in sample_data/README.md; ingest must reject exactly these)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from orghealth.generate.deals import Accounts
from orghealth.generate.org import Org
from orghealth.generate.plan import Plan
from orghealth.generate.timesheets import (
    TASKS,
    TimeEntries,
    harvest_frame,
    quarters,
    write_harvest_csv,
)


@dataclass
class Mangled:
    file: str       # path relative to the output folder
    line: int       # 1 = header
    column: str
    value: str
    what: str
    outcome: str    # "rejected", or "loaded" when the value is still unambiguous


def _target(frame: pl.DataFrame, nth: int) -> int:
    """The nth internal-meeting row of a file: harmless to every planted pattern."""
    rows = np.flatnonzero(frame["Task"].to_numpy() == "Internal meeting")
    return int(rows[min(nth, len(rows) - 1)]) if len(rows) else 0


def write_harvest(plan: Plan, org: Org, acc: Accounts, te: TimeEntries,
                  out: Path) -> tuple[list[Path], list[Mangled]]:
    admin = [TASKS.index("Internal meeting"), TASKS.index("Admin")]
    entries = te.frame.with_columns(  # timers started and stopped at once: zero-hour entries
        pl.when(pl.col("task").is_in(admin) & ((pl.col("person") * 31 + pl.col("period")) % 97 == 0))
        .then(0.0).otherwise(pl.col("hours")).alias("hours"))
    qs = quarters(plan)
    bounds = np.searchsorted(entries["period"].to_numpy(), np.searchsorted(
        te.periods.day, [lo for lo, _ in qs] + [qs[-1][1] + 1]))
    paths, mangled = [], []
    kinds_all = ["date", "serial", "hours", "truncate"]
    plan_for = {min(1, len(qs) - 1): ["date"], min(2, len(qs) - 1): ["serial"],
                min(3, len(qs) - 1): ["hours"], min(5, len(qs) - 1): ["truncate"]}
    if len(qs) < 6:  # short windows: all of them in the last file
        plan_for = {len(qs) - 1: kinds_all}
    for qi, (lo, hi) in enumerate(qs):
        chunk = entries.slice(int(bounds[qi]), int(bounds[qi + 1] - bounds[qi]))
        frame = harvest_frame(plan, org, acc, te, chunk)
        name = f"harvest_time_report_from{lo}to{hi}.csv"
        path = out / name
        kinds = plan_for.get(qi, [])
        cut = None
        for k, what in enumerate(kinds):
            row = _target(frame, 10 + 5 * k)
            if what == "date":
                d = frame["Date"][row]
                value = f"{d[:4]}/{d[5:7]}/{d[8:]} 10:10"
                frame = frame.with_columns(frame["Date"].scatter(row, value))
                mangled.append(Mangled(f"time/{name}", row + 2, "Date", value,
                                       "date re-saved by a spreadsheet, year first", "loaded"))
            elif what == "serial":
                d = np.datetime64(frame["Date"][row])
                value = str((d - np.datetime64("1899-12-30")).astype(int))
                frame = frame.with_columns(frame["Date"].scatter(row, value))
                mangled.append(Mangled(f"time/{name}", row + 2, "Date", value,
                                       "date turned into a spreadsheet day number", "rejected"))
            elif what == "hours":
                frame = frame.with_columns(frame["Hours"].scatter(row, "#VALUE!"))
                mangled.append(Mangled(f"time/{name}", row + 2, "Hours", "#VALUE!",
                                       "hours cell holds a spreadsheet error", "rejected"))
            else:
                cut = row
        with open(path, "w", encoding="utf-8", newline="") as fh:
            if cut is None:
                write_harvest_csv(frame, fh)
            else:
                write_harvest_csv(frame.slice(0, cut), fh)
                full = frame.slice(cut, 1).write_csv(include_header=False, quote_style="never")
                short = ",".join(full.split(",")[:5])
                fh.write(short + "\n")
                write_harvest_csv(frame.slice(cut + 1), fh, header=False)
                mangled.append(Mangled(f"time/{name}", cut + 2, "(whole line)", short,
                                       "line cut short: 5 of 21 fields", "rejected"))
        paths.append(path)
    return paths, mangled


def mangle_hubspot(deals: pl.DataFrame) -> int | None:
    """Row (0-based) of the closed-lost deal whose close date a spreadsheet re-saved."""
    kind, month = deals["kind"].to_numpy(), deals["month"].to_numpy()
    lost = np.flatnonzero((kind == "lost") & (month >= 4))
    if len(lost) == 0:  # short windows
        lost = np.flatnonzero(kind == "lost")
    return int(lost[len(lost) // 2]) if len(lost) else None
