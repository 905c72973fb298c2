"""The reporting-line case in words: numbers as people read them, the sentences' parts, the
verdict and the plain-text account. Every word is generated from the numbers of a finding."""

from __future__ import annotations

from datetime import date

from orghealth.case import statistics as stats
from orghealth.case.measures import (
    BEFORE_AFTER,
    DID,
    METRIC_BY_ID,
    SIDE_BY_SIDE,
    Comparison,
    Design,
    Finding,
    Metric,
    _cap,
)


def unit_list(units: list[str]) -> str:
    units = sorted(units)
    return units[0] if len(units) == 1 else ", ".join(units[:-1]) + " and " + units[-1]


def possessive(title: str, units: int) -> str:
    """'proactive warnings' -> 'its proactive warnings'; 'the share of ...' -> 'its share of ...'."""
    owner = "its" if units == 1 else "their"
    return f"{owner} {title[4:] if title.startswith('the ') else title}"


def fmt_value(m: Metric, v: float, unit: bool = False) -> str:
    text = f"{v:.0%}" if m.kind == "share" else f"{v:.{m.digits}f}" + (m.per if unit else "")
    return text.replace("-", "−")


def fmt_change(m: Metric, e: stats.Estimate, *, extra: str = "") -> str:
    """'−79%, 95% interval −88% to −65%' (relative) or '+54 points, 95% interval ...'."""
    if m.kind == "share":
        return (f"{signed(100 * e.value, 0)} points{extra}, 95% interval "
                f"{signed(100 * e.low, 0)} to {signed(100 * e.high, 0)} points")
    if e.relative is not None and m.kind in ("rate", "mean"):
        return (f"{signed(100 * e.relative, 0)}%{extra}, 95% interval "
                f"{signed(100 * e.relative_low, 0)}% to {signed(100 * e.relative_high, 0)}%")
    return (f"{signed(e.value, m.digits)}{m.per}{extra}, 95% interval "
            f"{signed(e.low, m.digits)} to {signed(e.high, m.digits)}")


CAUTION = "Timing, not proof of cause."
SINGLE_CASE = "One unit moved: a single case, not a pattern across teams."


def _ratio_text(r: float) -> str:
    return f"{r:.0f}" if r >= 10 else f"{r:.1f}".rstrip("0").rstrip(".")


def _many(m: Metric) -> str:
    if m.id == "time_to_live":
        return "as long"
    return "as many" if m.kind == "rate" or m.id == "initiative_deferrals" else "as much"


def headline(m: Metric, a: float, b: float) -> str:
    """'13 times as many deferrals per initiative (0.4 → 5.4)', '79% fewer proactive warnings
    (0.50 → 0.10)', 'the share of ...: 10% → 60% (+50 points)'."""
    arrow = f"({fmt_value(m, a)} → {fmt_value(m, b, True).strip()})"
    if m.kind == "share" or not a or a != a or b != b:
        return f"{m.title}: {fmt_value(m, a)} → {fmt_value(m, b)}" + (
            f" ({signed(100 * (b - a), 0)} points)" if m.kind == "share" else "")
    r = b / a
    title = m.title[4:] if m.title.startswith("the ") else m.title
    if r >= 1.5:
        return f"{_ratio_text(r)} times {_many(m)} {title} {arrow}"
    if 0 < r <= 0.67 and _many(m) == "as many":
        return f"{(1 - r):.0%} fewer {title} {arrow}"
    if r < 1:
        return f"{title} {(1 - r):.0%} lower {arrow}"
    if r > 1:
        return f"{title} {(r - 1):.0%} higher {arrow}"
    return f"{title} unchanged {arrow}"


def clarity(e: stats.Estimate | None) -> str:
    """'clearly higher' when the 95% interval excludes no change, else 'not clearly different'."""
    if e is None:
        return ""
    if e.crosses_zero:
        return "not clearly different"
    return "clearly higher" if e.value > 0 else "clearly lower"


def signed(x: float, digits: int) -> str:
    text = f"{abs(x):.{digits}f}"
    if float(text) == 0:
        return text
    return ("+" if x > 0 else "−") + text


def went(a: float, b: float) -> str:
    return "rose" if b > a else "fell" if b < a else "stayed"


def month_name(d: date) -> str:
    return f"{d:%B %Y}"


def move_months(design: Design, units: list[str]) -> str:
    dates = sorted({design.treated[u] for u in units})
    return " and ".join(month_name(d) for d in dates)


def did_change(m: Metric, e: stats.Estimate) -> str:
    """'−0.42 beyond theirs (difference-in-differences, 95% interval −0.50 to −0.33)'."""
    if m.kind == "share":
        value, low, high = (signed(100 * x, 0) for x in (e.value, e.low, e.high))
        return (f"{value} points beyond theirs (difference-in-differences, 95% interval {low} "
                f"to {high} points)")
    return (f"{signed(e.value, m.digits)}{m.per} beyond theirs (difference-in-differences, 95% "
            f"interval {signed(e.low, m.digits)} to {signed(e.high, m.digits)})")


def interval_text(m: Metric, e: stats.Estimate) -> str:
    if m.kind == "share":
        return f"{signed(100 * e.low, 0)} to {signed(100 * e.high, 0)} points"
    if e.relative is not None:
        return f"{signed(100 * e.relative_low, 0)}% to {signed(100 * e.relative_high, 0)}%"
    return f"{signed(e.low, m.digits)} to {signed(e.high, m.digits)}"


def render_text(result: Comparison) -> str:
    d = result.design
    lines = ["The case for an independent reporting line", ""]
    if result.split.kind == "reporting-line":
        lines.append("Split by reporting line, as the people history shows it.")
    else:
        lines.append(f"Split at {result.split.at:%-d %B %Y}.")
    if d.period is not None:
        lines.append(f"Months compared: {d.period.text}.")
    for u, since in sorted(d.treated.items()):
        lines.append(f"  Reporting into Sales: {u} (from {since:%B %Y})")
    for u in d.control:
        lines.append(f"  Not reporting into Sales: {u}")
    if d.note:
        lines += ["", d.note]
    lines += ["", verdict(result)]
    for c in result.confounders:
        lines.append(f"Another possible cause: {c}")
    lines += ["", f"Findings, strongest first ({len(result.claimed)}):"]
    if not result.claimed:
        lines.append("  None: the data does not support a claim.")
    # grouped by measure, each measure where its strongest finding ranks
    by_metric: dict[str, list[Finding]] = {}
    for f in result.claimed:
        by_metric.setdefault(f.metric, []).append(f)
    i = 0
    for metric_id, findings in by_metric.items():
        lines += ["", f"  {METRIC_BY_ID[metric_id].axis_title}"]
        for f in findings:
            i += 1
            lines.append(f"  {i}. {f.sentence}")
            lines.append(f"     {basis(f)}")
    if result.withheld:
        lines += ["", f"Withheld ({len(result.withheld)}):"]
        for f in result.withheld:
            lines.append(f"  - {withheld_words(f)}")
    return "\n".join(lines)


def withheld_words(f: Finding) -> str:
    """'Proactive warnings ..., before against after: the 95% interval (...) includes no change.'"""
    return f"{_cap(comparison_words(f))}: {f.reason}."


def comparison_words(f: Finding) -> str:
    m = METRIC_BY_ID[f.metric]
    return {SIDE_BY_SIDE: f"{m.title}, under Sales against not",
            BEFORE_AFTER: f"{m.title}, before against after",
            DID: f"{m.title}, change against the units that did not move"}[f.comparison]


def basis(f: Finding) -> str:
    """How sure: the change with its 95% interval, how it was resampled, the size of each group.
    No population p-value: with one or two units moved, the design cannot give one."""
    m = METRIC_BY_ID[f.metric]
    sizes = "; ".join(f"{g.label}: {g.rows:g} {m.rows_word} in {g.months} months, {g.people} "
                      "people" for g in f.groups)
    if f.estimate is None:
        return f"({sizes})"
    change = did_change(m, f.estimate) if f.comparison == DID else fmt_change(m, f.estimate)
    how = ("intervals from resampling whole team-months" if m.scope != "company"
           else "intervals from resampling whole person-months")
    if m.rows_word not in ("team-months", "rep-months"):
        how += f", not single {m.rows_word}"
    return f"({change}; {how}; {sizes})"


def verdict(result: Comparison) -> str:
    """The one sentence that leads the case page, the overview and the deck's cover."""
    d = result.design
    if d.reference is None or (result.split.kind == "reporting-line" and not d.treated):
        return ("No Professional Services unit moved into Sales inside these months, so there is "
                "no before and after to compare; a comparison before and after a date is "
                "offered instead.")
    claimed = result.claimed
    if d.treated:
        who = (f"{unit_list(list(d.treated))} moved into Sales in "
               f"{move_months(d, list(d.treated))}")
    else:
        who = f"Set before against after {d.reference:%-d %B %Y}"
    if not claimed:
        return f"{who}; the data shows no clear difference since. {CAUTION}"
    top = claimed[0]
    measures = len({f.metric for f in claimed})
    lead = top.headline or top.title
    more = f" and {measures - 1} more measure{'s' if measures > 2 else ''} changed clearly" \
        if measures > 1 else ""
    single = f" {SINGLE_CASE}" if len(d.treated) == 1 else ""
    return f"{who}: since then {lead}{more}.{single} {CAUTION}"


_basis = basis  # the snapshot's earlier name for it


def p_text(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"

