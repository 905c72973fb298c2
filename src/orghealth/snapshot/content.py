"""The snapshot's content, built from the database with the same calls as the CLI and dashboard.

Numbers come from ``signals.evaluate_all`` (what ``orghealth signals --json`` prints), the case
from ``compare.evidence_pack``, the data-quality account from ``check.check_report``. Nothing
here computes a number of its own: it only chooses, words and lays them out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
from collections.abc import Callable

from orghealth import charts, signals, theme
from orghealth.privacy import Pseudonymizer, suppress_small
from orghealth.snapshot import model

DECK_TITLE = "Sales and Services health"


def _month(d: dt.date | None) -> str:
    return f"{d:%b %Y}" if d else "–"


def _day(d: dt.date | None) -> str:
    return f"{d.day} {d:%b %Y}" if d else "–"


def window_text(date_from: dt.date | None, date_to: dt.date | None) -> str:
    if not date_from or not date_to:
        return "no data yet"
    return f"{_day(date_from)} to {_day(date_to)}"


def _threshold(r, level: float) -> str:
    return ("" if r.higher_is_worse else "≤ ") + signals.format_value(level, r.unit)


class _Names:
    """Pseudonymizes when asked, passes everything through otherwise."""

    def __init__(self, pz: Pseudonymizer | None) -> None:
        self.pz = pz

    def text(self, s):
        return self.pz.value(s) if (self.pz and isinstance(s, str)) else s

    def result(self, r):
        if not self.pz:
            return r
        fields = {f: self.text(getattr(r, f)) for f in
                  ("title", "group", "meaning", "why", "action", "reason")}
        return dataclasses.replace(r, series=self.pz.frame(r.series), **fields)

    def figure(self, fig):
        return self.pz.figure(fig) if self.pz else fig


# ---------------------------------------------------------------- slides

def title_slide(as_of: dt.date, window: str, db_hash: str, min_group_size: int,
                pseudonymized: bool, team: str | None = None) -> model.Slide:
    facts = [
        f"As of {_day(as_of)}",
        f"Data window: {window}" + (f", team {team} only" if team else ""),
        f"Database content hash (SHA-256): {db_hash}",
        f"Groups smaller than {min_group_size} people are left out"
        + ("; people are shown by alias" if pseudonymized else ""),
    ]
    return model.Slide(model.TITLE, DECK_TITLE, "Board snapshot: the warning signs between "
                       "Sales and Professional Services", bullets=facts)


def summary_slide(results) -> model.Slide:
    summary = signals.health_summary(results)
    counts = [
        (len(summary.red), "need action now"),
        (len(summary.amber), "to watch"),
        (len(summary.green), "healthy"),
        (len(summary.insufficient), "without enough data to judge"),
    ]
    sign = lambda k: "sign" if k == 1 else "signs"  # noqa: E731
    headline = ", ".join(f"{k} {sign(k) if i == 0 else ''} {what}".replace("  ", " ")
                         for i, (k, what) in enumerate(counts) if k or i == 0)
    ordered = summary.red + summary.amber + summary.green + summary.insufficient
    rows = [[
        r.title,
        theme.status_label(r.status),
        r.value_text() if r.value is not None else "–",
        _threshold(r, r.amber),
        _threshold(r, r.red),
        _month(r.since) if r.since else "",
    ] for r in ordered]
    table = model.Table(["Warning sign", "Status", "Now", "Watch at", "Act at", "Since"], rows,
                        widths=[5.2, 1.6, 1.3, 1.3, 1.3, 1.3], status_column=1)
    return model.Slide(model.SUMMARY, "Health summary", bullets=[headline[0].upper()
                       + headline[1:] + "."], table=table)


def key_caption(r) -> str:
    parts = []
    if r.unit_label:
        parts.append(r.unit_label)
    where = " in ".join(x for x in (r.group, _month(r.period) if r.period else None) if x)
    if where:
        parts.append(where)
    parts.append(f"watch at {_threshold(r, r.amber)}, act at {_threshold(r, r.red)}")
    if r.n is not None:
        parts.append(f"based on {r.n} {r.n_label}".strip())
    return " · ".join(parts)


def signal_slide(r, index: int, names: _Names, min_group_size: int) -> model.Slide:
    if r.n_label == "people":  # belt and braces: the queries already drop small groups
        r = dataclasses.replace(r, series=suppress_small(r.series, min_group_size))
    r = names.result(r)
    fig = names.figure(charts.signal_figure(r, height=620))
    fig.update_layout(title=None, height=None, width=None, margin=dict(t=60, r=30))
    return model.Slide(
        model.SIGNAL, r.title,
        subtitle=f"since {r.since:%B %Y}" if r.since else "",
        status=r.status, key_figure=r.value_text(), key_caption=key_caption(r),
        sections=[(h, t) for h, t in (("What it shows", r.meaning), ("Why it matters", r.why),
                                      ("What to do", r.action)) if t],
        chart=model.Chart(f"{index:02d}-{r.id}", fig, width=1000, height=680),
        signal_id=r.id,
    )


def method_slide(min_group_size: int, pseudonymized: bool) -> model.Slide:
    sections = [
        ("Where the numbers come from",
         "Every figure is computed by the named queries that also feed the dashboard and the "
         "'orghealth signals' command, over the exports loaded into the database named on the "
         "title page. The same database and window give the same numbers everywhere."),
        ("How a sign gets its colour",
         "Each sign has a watch (amber) and an act (red) threshold, listed on the next page. "
         "The figure shown is the sign's latest month, or its worst month of the recent months "
         "where the sign says so; 'since' is the first month of the current run above the "
         "watch level."),
        ("When there is not enough data",
         "A sign whose exports are missing, or whose groups are too small, says so instead of "
         "showing a number. A missing sign is never counted as healthy."),
        ("Privacy",
         f"No group of fewer than {min_group_size} people is shown in any number, chart or "
         "table." + (" People appear by stable aliases (Person + code), never by name."
                     if pseudonymized else "")),
    ]
    return model.Slide(model.TEXT, "Appendix: method", sections=sections)


def _chunks(rows: list, size: int) -> list[list]:
    return [rows[i:i + size] for i in range(0, len(rows), size)] or [[]]


def threshold_slides(catalog) -> list[model.Slide]:
    rows = []
    for spec in catalog.values():
        how = ("latest month" if spec.headline == "latest"
               else f"worst of the last {spec.months} months")
        prefix = "" if spec.higher_is_worse else "≤ "
        rows.append([spec.title, spec.unit_label or spec.unit,
                     prefix + signals.format_value(spec.amber, spec.unit),
                     prefix + signals.format_value(spec.red, spec.unit), how])
    out = []
    for i, part in enumerate(_chunks(rows, 12)):
        out.append(model.Slide(
            model.TABLE, "Appendix: thresholds" + (" (continued)" if i else ""),
            table=model.Table(["Warning sign", "Measured as", "Watch at", "Act at",
                               "Figure shown"], part, widths=[4.2, 3.6, 1.2, 1.2, 2.2])))
    return out


def insufficient_slide(results) -> model.Slide | None:
    rows = [[r.title, r.reason or "not enough data"] for r in results
            if r.status == "insufficient_data"]
    if not rows:
        return None
    return model.Slide(model.TABLE, "Appendix: signs without enough data",
                       table=model.Table(["Warning sign", "Why there is no figure"], rows,
                                         widths=[4, 8]))


# ---------------------------------------------------------------- optional parts

def _optional(module: str, name: str) -> Callable | None:
    """A function another part of the product provides, or None when it is not there."""
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


MAX_CASE_CHARTS = 6


def case_slides(con, params, names: _Names, first_index: int) -> list[model.Slide]:
    """The reporting-line case: which units moved, the findings, and a chart for the strongest.

    The comparison reads the whole history (a move needs months before and after it), so it
    does not follow the window; it keeps the same privacy minimum.
    """
    from orghealth import compare

    design = compare.derive_design(con, compare.parse_split("reporting-line"))
    findings = (compare.evidence_pack(con, "reporting-line",
                                      min_group_size=params.min_group_size)
                if design.reference is not None else [])
    moved = [f"{u} reports into Sales from {since:%B %Y}." for u, since in
             sorted(design.treated.items())]
    stayed = [f"{u} does not report into Sales." for u in design.control]
    sentences = [f.sentence for f in findings]
    if not findings:
        sentences = [design.note or "The data does not support a finding yet: the groups are "
                     "too small or the differences are within chance."]
    intro = model.Slide(
        model.TEXT, "The case for an independent reporting line",
        subtitle="Services units under Sales against those that are not, and before against "
                 "after the move",
        bullets=[names.text(x) for x in moved + stayed]
        + [names.text(x) for x in sentences[:5]],
    )
    out = [intro]
    for i, f in enumerate(findings[:MAX_CASE_CHARTS]):
        fig = names.figure(f.figure) if f.figure is not None else None
        chart = None
        if fig is not None:
            fig.update_layout(title=None, height=None, width=None)
            chart = model.Chart(f"{first_index + 1 + i:02d}-case-{f.metric}-{f.comparison}",
                                fig, width=1000, height=680)
        out.append(model.Slide(
            model.CASE, names.text(f.title), subtitle=_COMPARISON_WORDS.get(f.comparison, ""),
            bullets=[names.text(f.sentence)],
            sections=[("How sure", names.text(compare._basis(f)).strip("()"))],
            chart=chart,
        ))
    if len(findings) > MAX_CASE_CHARTS:
        rest = findings[MAX_CASE_CHARTS:]
        out.append(model.Slide(model.TEXT, "The case: further findings",
                               bullets=[names.text(f.sentence) for f in rest[:10]]))
    return out


_COMPARISON_WORDS = {
    "side_by_side": "Units under Sales against units that are not",
    "before_after": "Before against after the move into Sales",
    "did": "The change after the move, against the units that did not move",
}


def quality_slides(con) -> list[model.Slide]:
    """Rows loaded and rejected per source, from the same report as 'orghealth check'."""
    report = _optional("orghealth.check", "check_report")
    if report is None:
        return []
    return []
