"""The snapshot's content, built from the database with the same calls as the CLI and dashboard.

Numbers come from ``signals.evaluate_all`` (what ``orghealth signals --json`` prints), the case
from ``orghealth.case.compare.evidence_pack``, the data-quality account from ``check.check_report``. Nothing
here computes a number of its own: it only chooses, words and lays them out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import polars as pl

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
    return ("" if r.higher_is_worse else "≤ ") + charts.format_value(level, r.unit)


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

STALE_DAYS = 45


def stale_warning(as_of: dt.date, data_to: dt.date | None) -> str:
    """A warning for the cover when the data ends long before the snapshot's date."""
    if data_to is None or (as_of - data_to).days <= STALE_DAYS:
        return ""
    return (f"Warning: the data ends on {_day(data_to)}, {(as_of - data_to).days} days before "
            "this snapshot's date; the numbers describe the organisation then, not now.")


def title_slide(as_of: dt.date, window: str, db_hash: str, min_group_size: int,
                pseudonymized: bool, team: str | None = None, results=(),
                verdict: str = "", data_to: dt.date | None = None) -> model.Slide:
    """The cover: date, window, the verdict and a warning on stale data. The database's hash
    is in the method appendix (``db_hash`` is kept for the callers that pass it)."""
    warning = stale_warning(as_of, data_to)
    facts = [
        f"As of {_day(as_of)}",
        f"Data window: {window}" + (f", team {team} only" if team else ""),
        *([warning] if warning else []),
        *([verdict] if verdict else []),
        f"Groups smaller than {min_group_size} people are left out"
        + ("; people are shown by alias" if pseudonymized else ""),
    ]
    caption = headline(signals.health_summary(list(results))) if results else ""
    return model.Slide(model.TITLE, DECK_TITLE, "Board snapshot: the warning signs between "
                       "Sales and Professional Services", bullets=facts, key_caption=caption,
                       notes=" ".join(x for x in (caption, verdict, warning) if x)
                       or "The snapshot's date and the months it covers.")


def headline(summary) -> str:
    """'9 signs need action now, 2 to watch, 3 healthy.' in words a board reads at a glance."""
    red = len(summary.red)
    parts = [("No sign needs" if red == 0 else "1 sign needs" if red == 1
              else f"{red} signs need") + " action now"]
    for k, what in ((len(summary.amber), "to watch"), (len(summary.green), "healthy"),
                    (len(summary.insufficient), "without enough data to judge")):
        if k:
            parts.append(f"{k} {what}")
    return ", ".join(parts) + "."


def summary_slide(results) -> model.Slide:
    summary = signals.health_summary(results)
    ordered = summary.red + summary.amber + summary.green + summary.insufficient
    rows = [[
        r.title,
        theme.status_label(r.status),
        charts.format_value(r.value, r.unit),
        _threshold(r, r.amber),
        _threshold(r, r.red),
        _month(r.since) if r.since else "",
    ] for r in ordered]
    table = model.Table(["Warning sign", "Status", "Now", "Watch at", "Act at", "Since"], rows,
                        widths=[5.2, 1.6, 1.3, 1.3, 1.3, 1.3], status_column=1)
    return model.Slide(model.SUMMARY, "Health summary", bullets=[headline(summary)],
                       table=table)


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
        status=r.status, key_figure=charts.format_value(r.value, r.unit),
        key_caption=key_caption(r),
        sections=[(h, t) for h, t in (("What it shows", r.meaning), ("Why it matters", r.why),
                                      ("What to do", r.action)) if t],
        chart=model.Chart(f"{index:02d}-{r.id}", fig, width=900, height=610),
        signal_id=r.id,
    )


def method_slide(min_group_size: int, pseudonymized: bool, db_hash: str = "") -> model.Slide:
    sections = [
        ("Where the numbers come from",
         "Every figure is computed by the named queries that also feed the dashboard, over the "
         "exports loaded into the database identified below. The same database and window give "
         "the same numbers everywhere."
         + (f" Database content hash (SHA-256): {db_hash}." if db_hash else "")),
        ("How a sign gets its colour",
         "Each sign has a watch (amber) and an act (red) threshold, listed on the next page. "
         "The figure shown is the sign's latest month, or its worst month of the recent months "
         "where the sign says so; 'since' is the first month of the current run above the "
         "watch level."),
        ("The case for an independent reporting line",
         "Services units whose line of managers reaches a Sales leader are compared with those "
         "whose line does not, and each unit before and after its move, over the months this "
         "snapshot covers. Ranges are 95% intervals from resampling whole team-months (or "
         "person-months), never single tickets as if each were independent; there is no "
         "population p-value, since one moved unit is a single case, not a pattern across "
         "teams. A finding is stated only when every group reaches the privacy minimum and "
         "its range excludes no change ('clearly higher', 'clearly lower'). A before/after "
         "shows timing, not proof of cause; a new manager or a change of headcount at the move "
         "is named as another possible cause."),
        ("When there is not enough data",
         "A sign whose exports are missing, or whose groups are too small, says so instead of "
         "showing a number. A missing sign is never counted as healthy."),
        ("Privacy",
         f"No group of fewer than {min_group_size} people is shown in any number, chart or "
         "table." + (" People appear by stable aliases (Person + code), never by name."
                     if pseudonymized else "")),
    ]
    return model.Slide(model.TEXT, "Appendix: method", sections=sections,
                       notes="How the numbers are made, how sure they are, and which database "
                             "they come from.")


def _chunks(rows: list, size: int) -> list[list]:
    return [rows[i:i + size] for i in range(0, len(rows), size)] or [[]]


def threshold_slides(catalog) -> list[model.Slide]:
    rows = []
    for spec in catalog.values():
        how = ("latest month" if spec.headline == "latest"
               else f"worst of the last {spec.months} months")
        prefix = "" if spec.higher_is_worse else "≤ "
        rows.append([spec.title, spec.unit_label or spec.unit,
                     prefix + charts.format_value(spec.amber, spec.unit),
                     prefix + charts.format_value(spec.red, spec.unit), how])
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


# ---------------------------------------------------------------- the reporting-line case

MAX_CASE_CHARTS = 6


def case_slides(con, params, names: _Names, first_index: int,
                verdict_out: list | None = None) -> list[model.Slide]:
    """The reporting-line case: which units moved, the findings, and a chart for the strongest.

    The comparison covers the snapshot's months, as `orghealth compare --from --to` does, and
    keeps the same privacy minimum.
    """
    from orghealth.case import charts as case_charts
    from orghealth.case import compare

    design = compare.derive_design(con, compare.parse_split("reporting-line"),
                                   params.date_from, params.date_to)
    from orghealth.case import words as case_words

    result = compare.compare(con, "reporting-line", date_from=params.date_from,
                             date_to=params.date_to, min_group_size=params.min_group_size)
    verdict = names.text(case_words.verdict(result))
    if verdict_out is not None:
        verdict_out.append(verdict)
    findings = (compare.evidence_pack(con, "reporting-line", date_from=params.date_from,
                                      date_to=params.date_to,
                                      min_group_size=params.min_group_size)
                if design.reference is not None else [])
    shown = _units_at_minimum(design, params.min_group_size)
    moved = [f"{u} reports into Sales from {since:%B %Y}." for u, since in
             sorted(design.treated.items()) if u in shown]
    stayed = [f"{u} does not report into Sales." for u in design.control if u in shown]
    hidden = len(set(design.treated) | set(design.control)) - len(moved) - len(stayed)
    if hidden:
        stayed.append(f"{hidden} more {'unit is' if hidden == 1 else 'units are'} smaller "
                      f"than {params.min_group_size} people and not named.")
    # the strongest finding of each metric gets a chart; the rest are listed in words
    lead, rest, seen = [], [], set()
    for f in findings:
        (rest if f.metric in seen or len(lead) >= MAX_CASE_CHARTS else lead).append(f)
        seen.add(f.metric)
    sentences = [f.sentence for f in lead] or [
        design.note or "The data does not support a finding yet: the groups are too small or "
        "the differences are within chance."]
    intro = model.Slide(
        model.TEXT, "The case for an independent reporting line",
        subtitle="Services units under Sales against those that are not, and before against "
                 "after the move",
        sections=[("In one sentence", verdict),
                  ("Who reports where", "\n".join(moved + stayed)),
                  ("What the data shows, strongest first", "\n".join(sentences[:4]))]
        + ([("Other possible causes", names.text("\n".join(result.confounders)))]
           if result.confounders else []),
        notes=verdict + " Each finding compares the same measure before and after the move, "
              "or against the units that did not move. Timing, not proof of cause.",
    )
    out = [intro]
    for i, f in enumerate(lead):
        fig = (names.figure(case_charts.finding_figure(f, f.series, design))
               if f.series is not None else None)
        chart = None
        if fig is not None:
            fig.update_layout(title=None, height=None, width=None)
            chart = model.Chart(f"{first_index + 1 + i:02d}-case-{f.metric}", fig,
                                width=900, height=610)
        out.append(model.Slide(
            model.CASE, names.text(f.title), subtitle=_COMPARISON_WORDS.get(f.comparison, ""),
            bullets=[names.text(f.sentence)],
            sections=[("How sure is this", names.text(compare._basis(f)).strip("()"))],
            chart=chart,
            notes=names.text(f"{f.sentence} How sure: {compare._basis(f).strip('()')}."),
        ))
    if rest:
        out.append(model.Slide(model.TEXT, "The case: further findings",
                               bullets=[names.text(f.sentence) for f in rest[:8]]))
    return out


def _units_at_minimum(design, min_group_size: int) -> set[str]:
    """PS units that reach the privacy minimum in at least one month: only those are named."""
    um = design.unit_months
    if um.is_empty() or "headcount" not in um.columns:
        return set()
    big = um.group_by("unit").agg(pl.col("headcount").max()).filter(
        pl.col("headcount") >= min_group_size)
    return set(big["unit"].to_list())


_COMPARISON_WORDS = {
    "side_by_side": "Units under Sales against units that are not",
    "before_after": "Before against after the move into Sales",
    "did": "The change after the move, against the units that did not move",
}


def quality_slides(con) -> list[model.Slide]:
    """Rows loaded and set aside per file, from the same report as 'orghealth check'."""
    from orghealth.check import check_report

    report = check_report(con)
    t = report["totals"]
    files = report["files"]
    lead = (f"{t['rows_read']:,} rows read from {len(files)} files: {t['rows_loaded']:,} loaded, "
            f"{t['rows_rejected']:,} set aside with a reason. "
            + ("Every file balances: rows read = rows loaded + rows set aside."
               if report["balanced"] else "Some files do not balance: the data-quality page "
               "of the dashboard lists them."))
    rows = [[_base_name(f["file"]), _format_title(f["format"]), _TABLE_WORDS.get(
        f["table"], f["table"].replace("_", " ")), f"{f['rows_read']:,}",
             f"{f['rows_loaded']:,}", f"{f['rows_rejected']:,}"] for f in files]
    out = []
    for i, part in enumerate(_chunks(rows, 14)):
        out.append(model.Slide(
            model.TABLE, "Appendix: data quality" + (" (continued)" if i else ""),
            bullets=[lead] if i == 0 else [],
            table=model.Table(["File", "Read as", "Loaded into", "Rows read", "Loaded",
                               "Set aside"], part, widths=[4.6, 2.4, 1.8, 1.1, 1.1, 1.1])))
    reasons = [[r["reason"][:1].upper() + r["reason"][1:], f"{r['count']:,}"] for r in report["rejects"]["by_reason"][:10]]
    lines = report["reporting_lines"]
    notes = []
    unmatched = sum(u.get("rows") or 0 for u in report["unmatched_people"])
    if unmatched:
        notes.append(f"{unmatched:,} rows name someone who is not in the HR export; they count "
                     "for their team but not for a person.")
    for key, words in (("cycles", "reporting-line loops"), ("orphans", "managers missing from "
                       "the HR export"), ("self_managers", "people listed as their own manager")):
        if lines.get(key):
            notes.append(f"{len(lines[key])} {words}.")
    if reasons or notes:
        out.append(model.Slide(
            model.TABLE, "Appendix: why rows were set aside", bullets=notes[:3],
            table=model.Table(["Reason", "Rows"], reasons, widths=[10, 1.5]) if reasons
            else None))
    return out


_TABLE_WORDS = {"hr_rows": "people history", "time_entries": "time entries",
                "ticket_events": "ticket history", "person_aliases": "people's names"}


def _format_title(name: str) -> str:
    from orghealth.ingest.formats import all_formats

    return next((f.title for f in all_formats() if f.name == name), name)


def _base_name(path: str) -> str:
    return re.split(r"[\\/]", path or "")[-1]
