"""The reporting-line case's vocabulary: the measures it compares, the splits, and the findings
with their numbers. No SQL and no statistics here; ``orghealth.case.compare`` fills these in."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl

from orghealth.case import statistics as stats
from orghealth.errors import InputError

MIN_GROUP_SIZE = 5


SIDE_BY_SIDE, BEFORE_AFTER, DID = "side_by_side", "before_after", "did"


COMPARISON_ORDER = {DID: 0, BEFORE_AFTER: 1, SIDE_BY_SIDE: 2}


@dataclass(frozen=True)
class Metric:
    id: str
    query: str           # compare/<stem>: one row per item, person-month or unit-month
    num: str             # column summed above the line
    den: str             # column summed below it
    title: str           # how a sentence names it
    kind: str            # rate | mean | share: how values and changes are written
    test: str            # rate | mann_whitney | fisher
    rows_word: str       # what one row is, plural
    scope: str = "ps_unit"   # ps_unit (split by PS unit) or company (before/after only)
    digits: int = 2
    per: str = ""            # said after a sentence's last number: " per person per month"

    @property
    def axis_title(self) -> str:
        unit = f" ({self.per.strip()})" if self.per else ""
        return _cap(self.title) + unit


METRICS: tuple[Metric, ...] = (
    Metric("proactive_warnings", "compare/proactive_warnings", "warnings", "people",
           "proactive warnings", "rate", "rate", "team-months", per=" per person per month"),
    Metric("initiatives_deferred_twice", "compare/initiative_deferrals", "deferred_twice",
           "initiatives", "the share of initiatives deferred two or more times", "share",
           "fisher", "initiatives"),
    Metric("initiative_deferrals", "compare/initiative_deferrals", "deferrals", "initiatives",
           "deferrals per initiative", "mean", "mann_whitney", "initiatives", digits=1),
    Metric("escalation_blame", "compare/escalation_blame", "blamed_on_ps", "escalations",
           "the share of client escalations blamed on PS", "share", "fisher", "escalations"),
    Metric("flagged_then_blamed", "compare/flagged_then_blamed", "cases", "unit_months",
           "escalations blamed on PS after PS had warned", "rate", "rate", "team-months",
           per=" a month"),
    Metric("time_to_live", "compare/time_to_live", "days_to_live", "projects",
           "the time from deal close to go-live", "mean", "mann_whitney", "projects",
           per=" days", digits=0),
    Metric("estimate_overrun", "compare/estimate_overrun", "overrun", "projects",
           "hours over the estimate", "share", "mann_whitney", "projects"),
    Metric("sales_operations_time", "compare/sales_operations_time", "operations_hours",
           "hours", "the share of Sales hours spent on operations work", "share",
           "mann_whitney", "rep-months", scope="company"),
)


METRIC_BY_ID = {m.id: m for m in METRICS}


@dataclass(frozen=True)
class Split:
    kind: str                    # reporting-line | date
    at: date | None = None       # the user's date

    @property
    def label(self) -> str:
        return "reporting-line" if self.kind == "reporting-line" else f"date:{self.at}"


def parse_split(text: str) -> Split:
    t = (text or "").strip().lower()
    if t == "reporting-line":
        return Split("reporting-line")
    if t.startswith("date:"):
        try:
            return Split("date", date.fromisoformat(t[5:]))
        except ValueError:
            pass
    raise InputError(f"--split {text!r} is not a split I know",
                     hint="use --split reporting-line, or --split date:YYYY-MM-DD "
                          "(for example date:2025-03-01)")


@dataclass(frozen=True)
class Period:
    """The months compared: a row counts when its month lies from ``first`` to ``last``."""

    first: date    # first day of the first month
    last: date     # first day of the last month

    def holds(self, month: date) -> bool:
        return self.first <= month <= self.last

    @property
    def text(self) -> str:
        return f"{self.first:%B %Y} to {self.last:%B %Y}"

    def to_json(self) -> dict:
        return {"from": str(self.first), "to": str(_month_end(self.last))}


def _month_end(month: date) -> date:
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


@dataclass
class Design:
    """Which PS units are compared with which, and from when; all read from the data."""

    split: Split
    unit_months: pl.DataFrame       # the PS unit-months inside the period
    treated: dict[str, date]        # unit -> the month its comparison starts (its move)
    control: list[str]              # units that did not move
    reference: date | None          # start of 'after' for control units and company metrics
    note: str = ""
    period: Period | None = None
    # units that moved under Sales outside the period: before it (left out), after it
    # (inside the period they did not report into Sales, so they are among the control units)
    moved_before: dict[str, date] = field(default_factory=dict)
    moved_after: dict[str, date] = field(default_factory=dict)

    @property
    def units(self) -> list[str]:
        return sorted(self.unit_months["unit"].unique().to_list())


def _month(d: date) -> date:
    return d.replace(day=1)


@dataclass
class Group:
    label: str
    value: float
    rows: int
    people: int
    sales_side: bool = False    # reports into Sales (drawn in the highlight colour)
    months: int = 0             # how many months its rows come from


@dataclass
class Finding:
    metric: str
    comparison: str                      # side_by_side | before_after | did
    sentence: str
    claimed: bool
    reason: str | None = None            # why withheld
    groups: list[Group] = field(default_factory=list)
    estimate: stats.Estimate | None = None
    test: stats.TestResult | None = None
    p_adjusted: float | None = None
    units: list[str] = field(default_factory=list)
    headline: str = ""                   # '13 times as many deferrals per initiative (0.4 → 5.4)'
    series: Any = None                   # month-by-month series (evidence pack only)
    rows: pl.DataFrame | None = None     # the rows behind it (evidence pack only)

    @property
    def title(self) -> str:
        m = METRIC_BY_ID[self.metric]
        return _cap(m.title)

    @property
    def strength(self) -> float:
        return self.estimate.strength if self.estimate else 0.0

    def to_json(self) -> dict:
        return _finite(self._json())

    def _json(self) -> dict:
        e, t = self.estimate, self.test
        return {
            "metric": self.metric,
            "title": self.title,
            "comparison": self.comparison,
            "claimed": self.claimed,
            "sentence": self.sentence,
            "reason": self.reason,
            "groups": [g.__dict__ for g in self.groups],
            "difference": e and e.value,
            "interval": e and [e.low, e.high],
            "relative_change": e and e.relative,
            "relative_interval": e and e.relative is not None and [e.relative_low,
                                                                  e.relative_high] or None,
            "test": t and t.name,
            "p_value": t.p_value if t else (e.p_value if e else None),
            "p_adjusted": self.p_adjusted,
            "rate_ratio": t and t.ratio,
            "rate_ratio_interval": t and t.ratio is not None and [t.ratio_low, t.ratio_high]
            or None,
            "units": self.units,
        }


def _finite(x):
    """JSON has no NaN or infinity: an undefined number is null."""
    if isinstance(x, float):
        return x if math.isfinite(x) else None
    if isinstance(x, dict):
        return {k: _finite(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_finite(v) for v in x]
    return x


@dataclass
class Comparison:
    split: Split
    design: Design
    findings: list[Finding]
    min_group_size: int
    # rival causes the data shows: a new manager at a move, a change of headcount
    confounders: list[str] = field(default_factory=list)

    @property
    def claimed(self) -> list[Finding]:
        return [f for f in self.findings if f.claimed]

    @property
    def withheld(self) -> list[Finding]:
        return [f for f in self.findings if not f.claimed]

    def to_json(self) -> dict:
        d = self.design
        return {
            "split": self.split.label,
            "period": d.period and d.period.to_json(),
            "min_group_size": self.min_group_size,
            "units_under_sales": [{"unit": u, "since": str(m)} for u, m in sorted(d.treated.items())],
            "units_not_under_sales": d.control,
            "units_moved_before_the_period": [{"unit": u, "since": str(m)} for u, m in
                                              sorted(d.moved_before.items())],
            "units_moved_after_the_period": [{"unit": u, "since": str(m)} for u, m in
                                             sorted(d.moved_after.items())],
            "reference_month": d.reference and str(d.reference),
            "note": d.note or None,
            "confounders": self.confounders,
            "findings": [f.to_json() for f in self.claimed],
            "withheld": [f.to_json() for f in self.withheld],
        }


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]

