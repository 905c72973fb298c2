"""The warning signs: the catalog in queries/signals.yml, one query per sign, and their status.

Every number comes from the sign's query; thresholds, direction and the headline rule come
from the catalog only. A sign with nothing to read says ``insufficient_data`` and why.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import duckdb
import polars as pl
import yaml

from orghealth import sql
from orghealth.errors import InputError
from orghealth.paths import QUERIES_DIR

CATALOG_PATH = QUERIES_DIR / "signals.yml"
STATUSES = ("red", "amber", "green", "insufficient_data")
SEVERITY = {"red": 0, "amber": 1, "insufficient_data": 2, "green": 3}
HEADLINES = ("latest", "worst_in_last")
# tables an ingest leaves behind; without them the file is not one of ours
REQUIRED_TABLES = ("people", "person_months", "hours_by_person_month", "ticket_facts")


@dataclass(frozen=True)
class SignalSpec:
    """One catalog entry."""

    id: str
    title: str
    unit: str
    unit_label: str
    higher_is_worse: bool
    amber: float
    red: float
    headline: str
    months: int
    min_n: int
    n_label: str
    group_label: str
    needs: tuple[tuple[str, str], ...]
    evidence: str
    meaning: str
    why: str
    action: str
    calculation: str
    grain: str
    columns: tuple[tuple[str, str], ...] = ()  # extra columns of the series, with plain labels
    empty_reason: str = "nothing to measure in this window"

    @property
    def labels(self) -> dict[str, str]:
        """Plain names for every column of the series."""
        return {"grp": self.group_label.capitalize(), "period": "Month",
                "value": f"{self.unit} {self.unit_label}".strip(), "n": self.n_label.capitalize(),
                **dict(self.columns)}

    @property
    def query(self) -> str:
        return f"signals/{self.id}"

    @property
    def evidence_query(self) -> str:
        return f"signals/{self.evidence}"

    def status_of(self, value: float | None) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "insufficient_data"
        if self.higher_is_worse:
            return "red" if value >= self.red else "amber" if value >= self.amber else "green"
        return "red" if value <= self.red else "amber" if value <= self.amber else "green"

    def worse(self, a: float, b: float) -> bool:
        """Is ``a`` worse than ``b``?"""
        return a > b if self.higher_is_worse else a < b


@cache
def load_catalog() -> dict[str, SignalSpec]:
    """Every sign of queries/signals.yml, in catalog order."""
    raw = yaml.safe_load(CATALOG_PATH.read_text(encoding="utf-8"))
    specs = {}
    for sid, e in raw["signals"].items():
        spec = SignalSpec(
            id=sid,
            title=e["title"],
            unit=e["unit"],
            unit_label=e.get("unit_label", ""),
            higher_is_worse=bool(e["higher_is_worse"]),
            amber=float(e["amber"]),
            red=float(e["red"]),
            headline=e["headline"],
            months=int(e.get("months", 1)),
            min_n=int(e.get("min_n", 1)),
            n_label=e.get("n_label", "items"),
            group_label=e.get("group_label", "team"),
            needs=tuple((n["input"], n["reason"]) for n in e.get("needs", [])),
            evidence=e.get("evidence", f"{sid}__evidence"),
            meaning=e["meaning"].strip(),
            why=e["why"].strip(),
            action=e["action"].strip(),
            calculation=e["calculation"].strip(),
            grain=e["grain"].strip(),
            columns=tuple((k, str(v)) for k, v in (e.get("columns") or {}).items()),
            empty_reason=e.get("empty_reason", "nothing to measure in this window"),
        )
        if spec.headline not in HEADLINES:
            raise ValueError(f"signals.yml: {sid}: headline must be one of {HEADLINES}")
        order_ok = spec.red >= spec.amber if spec.higher_is_worse else spec.red <= spec.amber
        if not order_ok:
            raise ValueError(f"signals.yml: {sid}: red must be beyond amber")
        specs[sid] = spec
    return specs


@dataclass
class SignalParams:
    date_from: dt.date | None = None  # None: the data's own start
    date_to: dt.date | None = None  # None: the data's own end (its latest complete month)
    team: str | None = None  # a unit name, or None for all
    min_group_size: int = 5  # privacy minimum

    def bound(self, con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
        """The ``$params`` every sign query takes, with the window filled in from the data."""
        first, last = data_window(con)
        date_from = self.date_from or first
        date_to = self.date_to or last
        return {
            "date_from": date_from,
            "date_to": date_to,
            "team": self.team,
            "min_group_size": int(self.min_group_size),
        }


def data_window(con: duckdb.DuckDBPyConnection) -> tuple[dt.date | None, dt.date | None]:
    """First and last day the data covers, in whole months.

    When the data stops in the first half of its last month, that month is left out: half a
    month of tickets or hours would read as a fall in every monthly rate.
    """
    first, last = sql.run(con, "signals/_window").row(0)
    if first is None or last is None:
        return first, last
    if last.day <= 15 and last.replace(day=1) > first:
        return first, last.replace(day=1) - dt.timedelta(days=1)
    return first, _add_months(last.replace(day=1), 1) - dt.timedelta(days=1)


@dataclass
class SignalResult:
    id: str
    title: str
    status: str
    value: float | None
    unit: str
    amber: float
    red: float
    n: int | None
    reason: str | None = None
    meaning: str = ""
    why: str = ""
    action: str = ""
    higher_is_worse: bool = True
    since: dt.date | None = None
    until: dt.date | None = None  # last month of that run, when it ended before the window did
    group: str | None = None  # the team or group the headline value comes from
    period: dt.date | None = None  # the month the headline value comes from
    unit_label: str = ""
    n_label: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    series: pl.DataFrame = field(default_factory=pl.DataFrame, repr=False)

    def value_text(self) -> str:
        return format_value(self.value, self.unit)

    def when_text(self, fmt: str = "%Y-%m") -> str:
        """'2026-01' for a run still going, '2026-01 to 2026-04' for one that ended."""
        if not self.since:
            return ""
        if self.until:
            return f"{self.since:{fmt}} to {self.until:{fmt}}"
        return f"{self.since:{fmt}}"

    def to_json(self) -> dict[str, Any]:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "value": None if self.value is None else round(float(self.value), 4),
            "unit": self.unit,
            "unit_label": self.unit_label,
            "amber": self.amber,
            "red": self.red,
            "higher_is_worse": self.higher_is_worse,
            "n": self.n,
            "n_label": self.n_label,
            "group": self.group,
            "period": iso(self.period),
            "since": iso(self.since),
            "until": iso(self.until),
            "reason": self.reason,
            "meaning": self.meaning,
            "why": self.why,
            "action": self.action,
            "date_from": iso(self.date_from),
            "date_to": iso(self.date_to),
        }


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    text = f"{value:,.1f}" if abs(value) < 100 else f"{value:,.0f}"
    return f"{text} %" if unit == "%" else f"{text} {unit}"


def _result(spec: SignalSpec, status: str, bound: dict, **kw: Any) -> SignalResult:
    return SignalResult(
        id=spec.id,
        title=spec.title,
        status=status,
        unit=spec.unit,
        amber=spec.amber,
        red=spec.red,
        meaning=spec.meaning,
        why=spec.why,
        action=spec.action,
        higher_is_worse=spec.higher_is_worse,
        unit_label=spec.unit_label,
        n_label=spec.n_label,
        date_from=bound.get("date_from"),
        date_to=bound.get("date_to"),
        **{"value": None, "n": None, **kw},
    )


def input_counts(con: duckdb.DuckDBPyConnection, bound: dict) -> dict[str, float]:
    return sql.run(con, "signals/_inputs", bound).row(0, named=True)


def evaluate(
    con: duckdb.DuckDBPyConnection,
    signal_id: str,
    params: SignalParams | None = None,
    *,
    _bound: dict | None = None,
    _inputs: dict | None = None,
) -> SignalResult:
    """Run one sign's query and decide its headline value and status."""
    spec = load_catalog()[signal_id]
    bound = _bound or (params or SignalParams()).bound(con)
    if bound["date_from"] is None or bound["date_to"] is None:
        return _result(spec, "insufficient_data", bound, reason="the database holds no data yet")
    inputs = _inputs if _inputs is not None else input_counts(con, bound)
    for name, reason in spec.needs:
        if not inputs.get(name):
            return _result(spec, "insufficient_data", bound, reason=reason)
    series = sql.run(con, spec.query, bound)
    return headline(spec, series, bound)


def headline(spec: SignalSpec, series: pl.DataFrame, bound: dict) -> SignalResult:
    """The headline value, status and since-when, taken from the series as the catalog says."""
    kw: dict[str, Any] = {"series": series}
    if series.is_empty():
        reason = (
            f"{spec.empty_reason}, or every group is smaller than the privacy "
            f"minimum of {bound['min_group_size']} people"
        )
        return _result(spec, "insufficient_data", bound, reason=reason, **kw)
    usable = series.filter(pl.col("value").is_not_null() & (pl.col("n") >= spec.min_n))
    if usable.is_empty():
        most = series["n"].max()
        reason = (
            f"too little data: at most {most} {spec.n_label} behind any group, "
            f"and this sign needs at least {spec.min_n}"
        )
        return _result(spec, "insufficient_data", bound, reason=reason, **kw)

    # one value per month: the worst group that month
    desc = spec.higher_is_worse
    per_period = (
        usable.sort(["period", "value"], descending=[False, desc], nulls_last=False)
        .group_by("period", maintain_order=True)
        .first()
        .sort("period", nulls_last=False)
    )
    if spec.headline == "latest":
        pick = per_period.tail(1)
    else:  # worst_in_last: the worst month among the last N of the window
        recent = per_period
        if per_period["period"].null_count() < per_period.height:
            last = bound["date_to"].replace(day=1)
            cutoff = _add_months(last, -(spec.months - 1))
            recent = per_period.filter(pl.col("period") >= cutoff)
        if recent.is_empty():
            reason = f"no data in the last {spec.months} months of the window"
            return _result(spec, "insufficient_data", bound, reason=reason, **kw)
        pick = recent.sort("value", descending=desc).head(1)
    row = pick.row(0, named=True)
    value = float(row["value"])
    status = spec.status_of(value)
    since = until = None
    if status in ("red", "amber") and row["period"] is not None:
        since, until = _run_around(spec, per_period, row["period"])
    return _result(
        spec,
        status,
        bound,
        value=value,
        n=int(row["n"]),
        group=row["grp"],
        period=row["period"],
        since=since,
        until=until,
        **kw,
    )


def _run_around(spec: SignalSpec, per_period: pl.DataFrame, period: dt.date):
    """First month of the amber/red run that holds ``period``, and its last month if the run
    ended before the latest month."""
    firing = [
        (r["period"], spec.status_of(float(r["value"])) in ("red", "amber"))
        for r in per_period.iter_rows(named=True)
    ]
    at = next(i for i, (p, _) in enumerate(firing) if p == period)
    start = end = at
    while start > 0 and firing[start - 1][1]:
        start -= 1
    while end < len(firing) - 1 and firing[end + 1][1]:
        end += 1
    return firing[start][0], (firing[end][0] if end < len(firing) - 1 else None)


def _add_months(d: dt.date, k: int) -> dt.date:
    m = d.month - 1 + k
    return dt.date(d.year + m // 12, m % 12 + 1, 1)


def evaluate_all(
    con: duckdb.DuckDBPyConnection, params: SignalParams | None = None
) -> list[SignalResult]:
    """Every sign of the catalog, in catalog order."""
    bound = (params or SignalParams()).bound(con)
    inputs = input_counts(con, bound) if bound["date_from"] else {}
    return [
        evaluate(con, sid, params, _bound=bound, _inputs=inputs) for sid in load_catalog()
    ]


def evaluate_all_and_earlier(
    con: duckdb.DuckDBPyConnection, params: SignalParams | None, earlier_to: dt.date
) -> tuple[list[SignalResult], list[SignalResult]]:
    """Every sign for the window, and again for the same window ending at ``earlier_to``
    (the overview's "what changed"), running each sign's query once.

    A sign's row for a month depends only on the window's first month and that month, never
    on where the window ends (tests/test_signals_windows.py holds every sign to this), so the
    earlier window's rows are the months of the full series up to ``earlier_to``. A series
    with rows that belong to no month is not cut: that sign's query runs again for the
    earlier window."""
    params = params or SignalParams()
    now = evaluate_all(con, params)
    earlier_params = SignalParams(params.date_from, earlier_to, params.team,
                                  params.min_group_size)
    bound = earlier_params.bound(con)
    if bound["date_from"] is None or not now or now[0].date_from is None:
        return now, evaluate_all(con, earlier_params)
    inputs = input_counts(con, bound)
    last_month = bound["date_to"].replace(day=1)
    earlier = []
    for result in now:
        spec = load_catalog()[result.id]
        missing = next((reason for name, reason in spec.needs if not inputs.get(name)), None)
        series = result.series
        if missing is not None:
            earlier.append(_result(spec, "insufficient_data", bound, reason=missing))
        elif "period" in series.columns and series["period"].null_count() == 0:
            earlier.append(headline(spec, series.filter(pl.col("period") <= last_month), bound))
        else:
            earlier.append(evaluate(con, result.id, _bound=bound, _inputs=inputs))
    return now, earlier


def evidence(
    con: duckdb.DuckDBPyConnection, signal_id: str, params: SignalParams | None = None
) -> pl.DataFrame:
    """The rows behind a sign's number, with column names a person understands."""
    spec = load_catalog()[signal_id]
    bound = (params or SignalParams()).bound(con)
    return sql.run(con, spec.evidence_query, bound)


@dataclass
class HealthSummary:
    red: list[SignalResult]
    amber: list[SignalResult]
    green: list[SignalResult]
    insufficient: list[SignalResult]

    @property
    def overall(self) -> str:
        return "red" if self.red else "amber" if self.amber else "green"

    @property
    def flagged(self) -> list[SignalResult]:
        """Red then amber signs, the longest-running first within each."""
        return self.red + self.amber

    def sentences(self) -> list[str]:
        out = []
        for r in self.flagged:
            if r.until:
                when = f" from {r.when_text('%B %Y')}"
            else:
                when = f" since {r.since:%B %Y}" if r.since else ""
            out.append(f"{r.title}: {r.status}{when} ({r.value_text()}).")
        if not out:
            out.append("No warning sign is amber or red in this window.")
        if self.insufficient:
            names = ", ".join(r.title for r in self.insufficient)
            out.append(f"Not enough data to judge: {names}.")
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "overall": self.overall,
            "flagged": [
                {"id": r.id, "title": r.title, "status": r.status,
                 "since": r.since.isoformat() if r.since else None,
                 "until": r.until.isoformat() if r.until else None,
                 "value": r.value, "unit": r.unit}
                for r in self.flagged
            ],
            "green": [r.id for r in self.green],
            "insufficient_data": [r.id for r in self.insufficient],
        }


def health_summary(results: list[SignalResult]) -> HealthSummary:
    """Which signs are red and amber, and since when; the longest-running first."""

    def by_age(rs: list[SignalResult]) -> list[SignalResult]:
        return sorted(rs, key=lambda r: (r.since or dt.date.max, r.id))

    pick = lambda s: [r for r in results if r.status == s]  # noqa: E731
    return HealthSummary(
        red=by_age(pick("red")),
        amber=by_age(pick("amber")),
        green=pick("green"),
        insufficient=pick("insufficient_data"),
    )


# ---- documentation -------------------------------------------------------------------------

DOC_PATH = QUERIES_DIR.parent / "docs" / "signals.md"


def _threshold_text(spec: SignalSpec) -> str:
    op = "at or above" if spec.higher_is_worse else "at or below"
    return (
        f"amber {op} {format_value(spec.amber, spec.unit)}, "
        f"red {op} {format_value(spec.red, spec.unit)}"
    )


def _headline_text(spec: SignalSpec) -> str:
    worst = "highest" if spec.higher_is_worse else "lowest"
    if spec.headline == "latest":
        return f"the {worst} {spec.group_label} value in the latest month of the window"
    return f"the {worst} {spec.group_label} value in any of the last {spec.months} months"


def render_doc(catalog: dict[str, SignalSpec] | None = None) -> str:
    """docs/signals.md, written from the catalog so the two never disagree."""
    catalog = catalog or load_catalog()
    out = [
        "# The warning signs",
        "",
        "Generated from `queries/signals.yml` by `uv run python -m orghealth.signals`;"
        " edit the catalog, not this page.",
        "",
        "Each sign is one query in `queries/signals/`. It returns one row per group and month"
        " with a value and the number of people or items behind it (`n`); groups smaller than"
        " the privacy minimum (5 people unless set otherwise) are left out. Status is green,"
        " amber or red against the thresholds below, or *insufficient data* when the inputs"
        " are missing or too few — never a zero that looks like good news.",
        "",
        "| sign | value | amber | red |",
        "|---|---|---|---|",
    ]
    for s in catalog.values():
        op = "≥" if s.higher_is_worse else "≤"
        out.append(f"| [{s.title}](#{s.id}) | {s.unit} {s.unit_label} | {op} {s.amber:g} "
                   f"| {op} {s.red:g} |")
    for s in catalog.values():
        needs = "; ".join([reason for _, reason in s.needs] + [s.empty_reason])
        out += [
            "",
            f"## {s.title}",
            f'<a id="{s.id}"></a>',
            "",
            f"`{s.id}` — query `queries/signals/{s.id}.sql`, rows behind it"
            f" `queries/signals/{s.evidence}.sql`.",
            "",
            f"**What it measures.** {s.meaning}",
            "",
            f"**Why it matters.** {s.why}",
            "",
            f"**How it is calculated.** {s.calculation} Grain: {s.grain}.",
            "",
            f"**Thresholds.** Value in {s.unit} {s.unit_label}; {_threshold_text(s)}. The"
            f" headline is {_headline_text(s)}; groups with fewer than {s.min_n} {s.n_label}"
            " are not judged.",
            "",
            f"**Insufficient data when** {needs}.",
            "",
            f"**How to improve.** {s.action}",
        ]
    return "\n".join(out) + "\n"


# ---- command line -------------------------------------------------------------------------


def _parse_date(text: str | None, flag: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"{flag} {text!r} is not a date", hint="write dates as YYYY-MM-DD, e.g. 2026-01-31"
        ) from None


def open_database(path: str) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a database written by ``orghealth ingest``."""
    from orghealth.db import connect_readonly

    con = connect_readonly(path)
    have = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
    missing = [t for t in REQUIRED_TABLES if t not in have]
    if missing:
        con.close()
        raise InputError(
            "this file is not an orghealth database (it has no "
            + ", ".join(missing) + " table)",
            file=path,
            hint="point --db at a file written by 'orghealth ingest'",
        )
    return con


def render_table(results: list[SignalResult]) -> str:
    header = ("Warning sign", "Status", "Value", "Amber at", "Red at", "Based on", "Since")
    rows = [header]
    for r in results:
        direction = "" if r.higher_is_worse else "≤ "
        rows.append((
            r.title,
            r.status.replace("_", " "),
            r.value_text(),
            direction + format_value(r.amber, r.unit),
            direction + format_value(r.red, r.unit),
            f"{r.n} {r.n_label}" if r.n is not None else "-",
            r.when_text() or "-",
        ))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [f"  {r.title}: {r.reason}" for r in results if r.reason]
    if notes:
        lines += ["", "Not enough data:"] + notes
    return "\n".join(lines)


def cli_signals(args) -> int:
    params = SignalParams(
        date_from=_parse_date(getattr(args, "date_from", None), "--from"),
        date_to=_parse_date(getattr(args, "date_to", None), "--to"),
        team=getattr(args, "team", None),
        min_group_size=getattr(args, "min_group_size", 5),
    )
    if params.min_group_size < 1:
        raise InputError("--min-group-size must be 1 or more")
    if params.date_from and params.date_to and params.date_from > params.date_to:
        raise InputError("--from is after --to", hint="give the earlier date to --from")
    con = open_database(args.db)
    try:
        if params.team is not None:
            teams = sql.run(con, "signals/_teams")["team"].to_list()
            if params.team not in teams:
                raise InputError(
                    f"there is no team called {params.team!r} in this database",
                    hint="use one of: " + ", ".join(teams) if teams else "load an org chart",
                )
        results = evaluate_all(con, params)
    finally:
        con.close()
    if args.json:
        print(json.dumps([r.to_json() for r in results], indent=2))
        return 0
    print(render_table(results))
    summary = health_summary(results)
    print()
    for line in summary.sentences():
        print(line)
    return 0


if __name__ == "__main__":
    DOC_PATH.write_text(render_doc(), encoding="utf-8")
    print(f"wrote {DOC_PATH}")
