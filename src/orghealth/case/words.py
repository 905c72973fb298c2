"""The reporting-line case in words: numbers as people read them, the sentences' parts, and the
command line's text. Every word is generated from the numbers of a finding."""

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
    """How sure: the test, its p-value and the size of each group."""
    m = METRIC_BY_ID[f.metric]
    sizes = "; ".join(f"{g.label}: {g.rows:g} {m.rows_word}, {g.people} people" for g in f.groups)
    if f.test is not None:
        test = f"{f.test.name}, {p_text(f.test.p_value)}"
    else:
        test = f"bootstrap, {p_text(f.estimate.p_value)}"
    return f"({test}; {sizes})"


_basis = basis  # the snapshot's earlier name for it


def p_text(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"

