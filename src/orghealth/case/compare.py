"""The case for an independent reporting line: PS units under Sales against those that are not,
before against after a unit's move, and the difference between the two changes.

The splits come from the people history (``queries/compare/ps_unit_months``), the metric rows
from ``queries/compare/<metric>``; statistics from ``orghealth.case.statistics``; sentences from the
numbers. A finding is claimed only when every group clears the privacy minimum, its 95%
interval excludes no change, and it survives the adjustment for the comparisons made together.
"""

from __future__ import annotations

import json
import zlib
from datetime import date

import duckdb
import polars as pl

from orghealth import sql
from orghealth.case import statistics as stats
from orghealth.case import words as case_words
from orghealth.case.measures import (
    BEFORE_AFTER,
    COMPARISON_ORDER,
    DID,
    METRIC_BY_ID,
    METRICS,
    MIN_GROUP_SIZE,
    SIDE_BY_SIDE,
    Comparison,
    Design,
    Finding,
    Group,
    Metric,
    Period,
    Split,
    _cap,
    _month,
    parse_split,
)
from orghealth.case.words import (
    CAUTION,
    clarity,
    fmt_value,
    headline,
    interval_text,
    move_months,
    render_text,
    unit_list,
)
from orghealth.errors import InputError

# the page and the snapshot read these from here
basis = _basis = case_words.basis
withheld_words = case_words.withheld_words


def resolve_period(con: duckdb.DuckDBPyConnection, date_from: date | None = None,
                   date_to: date | None = None, fallback: Period | None = None) -> Period | None:
    """The months compared: those from ``date_from`` to ``date_to``, each bound left out
    being the data's own, as 'orghealth signals' and the dashboard take it (``fallback``'s
    when the database has no hours or tickets to tell)."""
    from orghealth.signals import data_window

    if date_from and date_to and date_from > date_to:
        raise InputError("--from is after --to", hint="give the earlier date to --from")
    try:
        first, last = data_window(con)
    except duckdb.CatalogException:   # only a people history: its months are the data's
        first = last = None
    first = first or (fallback and fallback.first)
    last = last or (fallback and fallback.last)
    start, end = date_from or first, date_to or last
    if start is None or end is None:
        return None
    if start > end:
        raise InputError(f"the period from {start} to {end} holds no data: the data runs from "
                         f"{first} to {last}", hint="choose --from and --to inside the data")
    return Period(_month(start), _month(end))


def derive_design(con: duckdb.DuckDBPyConnection, split: Split, date_from: date | None = None,
                  date_to: date | None = None) -> Design:
    um_all = sql.run(con, "compare/ps_unit_months")
    whole = (Period(um_all["month"].min(), um_all["month"].max())
             if not um_all.is_empty() else None)
    period = resolve_period(con, date_from, date_to, whole)
    um = um_all.filter(pl.col("month").is_between(period.first, period.last)) if period else um_all
    if um.is_empty():
        note = ("The people history has no Professional Services units, so there is nothing to "
                "compare." if um_all.is_empty() else
                f"No Professional Services unit has people in this period ({period.text}), so "
                "there is nothing to compare.")
        return Design(split, um, {}, [], None, note, period)
    if split.kind == "reporting-line":
        return _reporting_line_design(split, um_all, um, period)

    at = _month(split.at)
    first, last = max(period.first, um["month"].min()), min(period.last, um["month"].max())
    if at <= first or at > last:
        where = ("the period chosen" if date_from or date_to else "the data")
        raise InputError(f"the date {split.at} is not inside {where}, which runs from "
                         f"{first:%B %Y} to {last:%B %Y}",
                         hint="pick a date with some months of data before and after it"
                         + (", or widen the period" if date_from or date_to else ""))
    # a unit is on the Sales side of the date when most of its months after it are under Sales
    after = (um.filter(pl.col("month") >= at).group_by("unit")
             .agg((pl.col("is_under_sales").cast(pl.Float64).mean() > 0.5).alias("sales_side")))
    treated = {u: at for u, s in zip(after["unit"], after["sales_side"], strict=True) if s}
    control = sorted(set(um["unit"].to_list()) - treated.keys())
    return Design(split, um, treated, control, at, period=period)


def _reporting_line_design(split: Split, um_all: pl.DataFrame, um: pl.DataFrame,
                           period: Period) -> Design:
    """A unit's move counts when the period holds months on both sides of it: its first month
    under Sales inside the period, after a month that was not. A unit already under Sales in
    its first month of the period has no 'before' in it and is left out; one that moves only
    after the period did not report into Sales inside it, so it is compared as one that did
    not."""
    firsts = (um.sort("month").group_by("unit", maintain_order=True)
              .agg(pl.col("is_under_sales").first().alias("starts_under"),
                   pl.col("month").filter(pl.col("is_under_sales")).min().alias("moved")))
    ever = dict(um_all.filter(pl.col("moved_at").is_not_null())
                .group_by("unit").agg(pl.col("moved_at").min()).iter_rows())
    treated, before, after, control = {}, {}, {}, []
    for unit, starts_under, moved in firsts.iter_rows():
        if starts_under:
            before[unit] = ever.get(unit, moved)
        elif moved is not None:
            treated[unit] = moved
        else:
            control.append(unit)
            if unit in ever and ever[unit] > period.last:
                after[unit] = ever[unit]
    control.sort()
    reference = min(treated.values()) if treated else None
    notes = []
    if not ever:
        notes.append("No PS unit's management chain reaches Sales anywhere in this data, so "
                     "there is no reporting-line split to compare. To compare before and after "
                     "a date of your choosing, use the date split.")
    elif not treated:
        notes.append(f"No PS unit moved under Sales inside this period ({period.text}), so "
                     "there is no before and after to compare"
                     + "".join(f"; {w}" for w in _move_words(before, after)) + ". Choose a "
                     "period with months on both sides of a move, or compare before and after "
                     "a date.")
    else:
        if before:
            notes.append(f"{unit_list(list(before))} already reported into Sales when this "
                         f"period begins ({_since(before)}), so "
                         f"{'it is' if len(before) == 1 else 'they are'} left out.")
        if after:
            notes.append(f"{unit_list(list(after))} moved under Sales only after this period "
                         f"({_since(after)}); inside it "
                         f"{'it' if len(after) == 1 else 'they'} did not report into Sales and "
                         f"{'is' if len(after) == 1 else 'are'} compared as such.")
    return Design(split, um, treated, control, reference, " ".join(notes), period,
                  moved_before=before, moved_after=after)


def _since(moves: dict[str, date]) -> str:
    return ", ".join(f"{u} from {m:%B %Y}" for u, m in sorted(moves.items()))


def _move_words(before: dict[str, date], after: dict[str, date]) -> list[str]:
    return ([f"{u} moved in {m:%B %Y}, before it" for u, m in sorted(before.items())]
            + [f"{u} moves in {m:%B %Y}, after it" for u, m in sorted(after.items())])


def in_period(rows: pl.DataFrame, design: Design) -> pl.DataFrame:
    """The rows whose month lies inside the period compared."""
    p = design.period
    if p is None or "month" not in rows.columns:
        return rows
    return rows.filter(pl.col("month").is_between(p.first, p.last))


def with_values(rows: pl.DataFrame, metric: Metric) -> pl.DataFrame:
    """The metric's numerator and denominator as plain float columns."""
    return rows.with_columns(pl.col(metric.num).cast(pl.Float64).alias("_num"),
                             pl.col(metric.den).cast(pl.Float64).alias("_den"))


def label_rows(rows: pl.DataFrame, design: Design, metric: Metric) -> pl.DataFrame:
    """Add side (treated / control), period (before / after) and the unit-month's own
    reporting line to each row."""
    if metric.scope == "company":
        ref = design.reference
        return rows.with_columns(
            pl.lit("company").alias("_side"),
            pl.when(pl.col("month") < ref).then(pl.lit("before")).otherwise(pl.lit("after"))
            .alias("_period"),
            pl.lit(None, dtype=pl.Boolean).alias("_under_sales"))
    cuts = pl.DataFrame(
        {"unit": list(design.treated) + design.control,
         "_cut": list(design.treated.values()) + [design.reference] * len(design.control),
         "_side": ["treated"] * len(design.treated) + ["control"] * len(design.control)},
        schema={"unit": pl.String, "_cut": pl.Date, "_side": pl.String})
    status = design.unit_months.select("unit", "month", pl.col("is_under_sales")
                                       .alias("_under_sales"))
    return (rows.join(cuts, on="unit", how="inner")
            .join(status, on=["unit", "month"], how="left")
            .with_columns(pl.when(pl.col("month") < pl.col("_cut")).then(pl.lit("before"))
                          .otherwise(pl.lit("after")).alias("_period")))


def _people(rows: pl.DataFrame, people_months: pl.DataFrame) -> int:
    if "person_id" in rows.columns:
        return rows["person_id"].n_unique()
    keys = rows.select("unit", "month").unique()
    return people_months.join(keys, on=["unit", "month"], how="inner")["person_id"].n_unique()


def _group(label: str, rows: pl.DataFrame, people_months: pl.DataFrame,
           sales_side: bool = False) -> tuple[Group, stats.Sample]:
    sample = stats.Sample.of(rows["_num"].to_numpy(), rows["_den"].to_numpy(),
                             cluster=cluster_keys(rows))
    months = rows["month"].n_unique() if "month" in rows.columns else 0
    return Group(label, sample.value, rows.height, _people(rows, people_months),
                 sales_side, months), sample


def cluster_keys(rows: pl.DataFrame):
    """The unit of analysis a row belongs to: its unit-month (a team's tickets in one month
    rise and fall together), a person-month where rows have no unit, else its month."""
    if "unit" in rows.columns:
        cols = ["unit", "month"]
    elif "person_id" in rows.columns:
        cols = ["person_id", "month"]
    else:
        cols = ["month"]
    cols = [c for c in cols if c in rows.columns]
    if not cols or rows.is_empty():
        return None
    return rows.select(pl.concat_str([pl.col(c).cast(pl.String) for c in cols],
                                     separator="|", ignore_nulls=True))[:, 0].to_numpy()


def _seed(*parts: str) -> int:
    return stats.DEFAULT_SEED + zlib.crc32("/".join(parts).encode())


def _test(m: Metric, a: stats.Sample, b: stats.Sample) -> stats.TestResult:
    if m.test == "rate":
        return stats.rate_ratio_test(a.num.sum(), a.den.sum(), b.num.sum(), b.den.sum())
    if m.test == "fisher":
        return stats.fisher_test(a.num.sum(), a.den.sum(), b.num.sum(), b.den.sum())
    return stats.mann_whitney(a, b)


def _check_groups(groups: list[Group], samples: list[stats.Sample], min_group: int,
                  m: Metric) -> str | None:
    brief = [g.label for g in groups if g.months < 2]
    if brief:
        return (f"too little data: {unit_list(brief)} "
                f"{'covers' if len(brief) == 1 else 'cover'} only one month in the period")
    thin = [g.label for g, s in zip(groups, samples, strict=True) if s.n < 2]
    if thin:
        return f"too little data: fewer than two months of {m.rows_word} in {unit_list(thin)}"
    small = [g.label for g in groups if g.people < min_group]
    if small:
        return (f"fewer than {min_group} people behind {unit_list(small)}, so it is not shown "
                f"(privacy minimum)")
    return None


def _pair(m: Metric, comparison: str, labels: tuple[str, str], frames, people_months,
          min_group: int, n_resamples: int, units: list[str], sentence,
          sales_side: tuple[bool, bool] = (False, False)) -> Finding:
    (ga, sa), (gb, sb) = (_group(lbl, fr, people_months, side)
                          for lbl, fr, side in zip(labels, frames, sales_side, strict=True))
    finding = Finding(m.id, comparison, "", False, groups=[ga, gb], units=units)
    reason = _check_groups([ga, gb], [sa, sb], min_group, m)
    if reason is None:
        finding.estimate = stats.bootstrap_difference(sa, sb, seed=_seed(m.id, comparison),
                                                      n_resamples=n_resamples)
    finding.sentence = sentence(ga, gb, finding.estimate)
    finding.headline = headline(m, ga.value, gb.value)
    finding.reason = reason
    return finding


def metric_findings(m: Metric, rows: pl.DataFrame, design: Design, people_months: pl.DataFrame,
                    min_group: int, n_resamples: int) -> list[Finding]:
    if rows.is_empty() or design.reference is None:
        return []
    rows = label_rows(rows, design, m)
    out: list[Finding] = []
    treated = sorted(design.treated)
    moved_text = (f"{unit_list(treated)} moved under Sales in {move_months(design, treated)}"
                  if treated else "")

    if m.scope == "company":
        before = rows.filter(pl.col("_period") == "before")
        after = rows.filter(pl.col("_period") == "after")
        when = (f"After {moved_text}" if design.split.kind == "reporting-line"
                else f"After {design.reference:%-d %B %Y}")

        def sentence(ga, gb, e):
            if e is None:
                return f"{_cap(m.title)} before and after {design.reference:%B %Y}."
            return (f"{when}, across the company: {headline(m, ga.value, gb.value)}, "
                    f"{clarity(e)}. No group stayed unaffected to compare with. {CAUTION}")

        out.append(_pair(m, BEFORE_AFTER, ("before", "after"), (before, after), people_months,
                         min_group, n_resamples, [], sentence))
        return out

    # side by side: the same months, units under Sales against units that are not
    same_time = rows.filter((pl.col("month") >= design.reference)
                            & pl.col("_under_sales").is_not_null())
    under = same_time.filter(pl.col("_under_sales"))
    not_under = same_time.filter(~pl.col("_under_sales"))
    if under.height and not_under.height:
        u_units = sorted(under["unit"].unique().to_list())
        n_units = sorted(not_under["unit"].unique().to_list())

        def side_sentence(ga, gb, e):
            head = (f"Since {design.reference:%B %Y}, PS units reporting into Sales "
                    f"({unit_list(u_units)})")
            if e is None:
                return f"{head}, against units that do not ({unit_list(n_units)})."
            return (f"{head}, against units that do not ({unit_list(n_units)}): "
                    f"{headline(m, ga.value, gb.value)}, {clarity(e)}.")

        out.append(_pair(m, SIDE_BY_SIDE, (f"{unit_list(n_units)} (not under Sales)",
                                           f"{unit_list(u_units)} (under Sales)"),
                         (not_under, under), people_months, min_group, n_resamples,
                         u_units + n_units, side_sentence, sales_side=(False, True)))

    # before / after: the units that moved, each from its own move; else all PS at the date
    focus = treated if treated else design.control
    focus_rows = rows.filter(pl.col("unit").is_in(focus))
    fb = focus_rows.filter(pl.col("_period") == "before")
    fa = focus_rows.filter(pl.col("_period") == "after")
    if fb.height or fa.height:
        if treated and design.split.kind == "reporting-line":
            head = f"After {moved_text}"
        elif treated:
            head = (f"After {design.reference:%-d %B %Y}, in {unit_list(treated)}, "
                    f"which report{'s' if len(treated) == 1 else ''} into Sales")
        else:
            head = f"After {design.reference:%-d %B %Y}, across PS"

        def ba_sentence(ga, gb, e):
            if e is None:
                return f"{head}: {m.title}, before against after. {CAUTION}"
            return f"{head}: {headline(m, ga.value, gb.value)}, {clarity(e)}. {CAUTION}"

        out.append(_pair(m, BEFORE_AFTER, (f"{unit_list(focus)} before", f"{unit_list(focus)} after"),
                         (fb, fa), people_months, min_group, n_resamples, focus, ba_sentence,
                         sales_side=(False, bool(treated))))

    if treated and design.control:
        out.append(_did_finding(m, rows, design, people_months, min_group, n_resamples))
    return out


def _did_finding(m: Metric, rows: pl.DataFrame, design: Design, people_months: pl.DataFrame,
                 min_group: int, n_resamples: int) -> Finding:
    treated, control = sorted(design.treated), design.control
    cells = []
    for side, names in (("treated", treated), ("control", control)):
        for period in ("before", "after"):
            fr = rows.filter((pl.col("_side") == side) & (pl.col("_period") == period))
            cells.append(_group(f"{unit_list(names)} {period}", fr, people_months,
                                side == "treated" and period == "after"))
    groups = [g for g, _ in cells]
    samples = [s for _, s in cells]
    f = Finding(m.id, DID, "", False, groups=groups, units=treated + control)
    f.reason = _check_groups(groups, samples, min_group, m)
    tb, ta, cb, ca = groups
    if f.reason is None:
        e = stats.bootstrap_did(*samples, seed=_seed(m.id, DID), n_resamples=n_resamples)
        f.estimate = e
        f.headline = headline(m, tb.value, ta.value)
        gap = "not clearly different from theirs" if e.crosses_zero else "clearly beyond theirs"
        f.sentence = (f"Against {unit_list(control)}, which did not move ({fmt_value(m, cb.value)} "
                      f"before, {fmt_value(m, ca.value)} after), {m.title} in "
                      f"{unit_list(treated)} went from {fmt_value(m, tb.value)} to "
                      f"{fmt_value(m, ta.value, True)}: a change {gap}. {CAUTION}")
    else:
        f.sentence = f"{_cap(m.title)} in {unit_list(treated)} set against {unit_list(control)}."
    return f


def _judge(findings: list[Finding]) -> None:
    """Withhold what the numbers do not carry: an interval that includes no change, or a result
    that could be chance among all the comparisons made together."""
    # the bootstrap over whole unit-months (or person-months) is the only test: a rank or rate
    # test over single tickets would claim a certainty the design cannot give
    tested = [f for f in findings if f.reason is None and f.estimate is not None]
    ps = [f.estimate.p_value for f in tested]
    for f, p_adj in zip(tested, stats.adjust_pvalues(ps), strict=True):
        f.p_adjusted = p_adj
        e = f.estimate
        m = METRIC_BY_ID[f.metric]
        if e.crosses_zero:
            f.reason = (f"the 95% interval ({interval_text(m, e)}) includes no change")
        elif p_adj >= 0.05:
            f.reason = (f"could be chance: with {len(tested)} comparisons made together, the "
                        f"adjusted p-value is {p_adj:.2f}")
        else:
            f.claimed = True
    for f in findings:
        if f.reason is None and not f.claimed:
            f.reason = "not enough data to test"


def compare(con: duckdb.DuckDBPyConnection, split: Split | str = "reporting-line", *,
            date_from: date | None = None, date_to: date | None = None,
            min_group_size: int = MIN_GROUP_SIZE,
            n_resamples: int = stats.DEFAULT_RESAMPLES) -> Comparison:
    """The comparison over the months from ``date_from`` to ``date_to`` (each left out: the
    data's own bound). A row counts by its month: the team-month, the month a ticket was
    opened, the month a deal closed."""
    split = parse_split(split) if isinstance(split, str) else split
    design = derive_design(con, split, date_from, date_to)
    people_months = in_period(sql.run(con, "compare/ps_people_months"), design)
    findings: list[Finding] = []
    if design.reference is not None:
        cache: dict[str, pl.DataFrame] = {}
        for m in METRICS:
            if m.query not in cache:
                cache[m.query] = in_period(sql.run(con, m.query), design)
            rows = with_values(cache[m.query], m)
            findings += metric_findings(m, rows, design, people_months, min_group_size,
                                        n_resamples)
    _judge(findings)
    claimed = sorted((f for f in findings if f.claimed), key=lambda f: -f.strength)
    withheld = sorted((f for f in findings if not f.claimed),
                      key=lambda f: (COMPARISON_ORDER[f.comparison], f.metric))
    return Comparison(split, design, claimed + withheld, min_group_size, confounders(design))


def confounders(design: Design) -> list[str]:
    """Rival causes the people history shows for each moved unit: a new lead manager in the
    month of the move, or a headcount that changed by a quarter or more across it."""
    um = design.unit_months
    out: list[str] = []
    if um.is_empty():
        return out
    for unit, moved_at in sorted(design.treated.items()):
        rows = um.filter(pl.col("unit") == unit).sort("month")
        before = rows.filter(pl.col("month") < moved_at)
        after = rows.filter(pl.col("month") >= moved_at)
        if before.is_empty() or after.is_empty():
            continue
        if "lead_manager_id" in rows.columns:
            old, new = before["lead_manager_id"][-1], after["lead_manager_id"][0]
            if old is not None and new is not None and old != new:
                out.append(f"{unit} had a new manager in {moved_at:%B %Y}, the month it moved; "
                           "the new manager, not the reporting line, could explain the change.")
        hb, ha = before["headcount"].mean(), after["headcount"].mean()
        if hb and abs(ha - hb) >= 0.25 * hb:
            out.append(f"{unit}'s headcount went from about {hb:.0f} to about {ha:.0f} across "
                       "the move; a change of size could explain part of the change.")
    return out


def claimed_by_metric(result: Comparison) -> dict[str, list[Finding]]:
    """The claimed findings grouped by measure, measures in the order of their strongest."""
    out: dict[str, list[Finding]] = {}
    for f in result.claimed:
        out.setdefault(f.metric, []).append(f)
    return out


def evidence_pack(con: duckdb.DuckDBPyConnection, split: Split | str = "reporting-line", *,
                  date_from: date | None = None, date_to: date | None = None,
                  min_group_size: int = MIN_GROUP_SIZE, include_withheld: bool = False,
                  n_resamples: int = stats.DEFAULT_RESAMPLES) -> list[Finding]:
    """The claimed findings, each with the rows behind it and its month-by-month series (which
    ``orghealth.case.charts.finding_figure`` draws), for a board deck."""
    result = compare(con, split, date_from=date_from, date_to=date_to,
                     min_group_size=min_group_size, n_resamples=n_resamples)
    chosen = result.findings if include_withheld else result.claimed
    rows_by_query: dict[str, pl.DataFrame] = {}
    for f in chosen:
        m = METRIC_BY_ID[f.metric]
        if m.query not in rows_by_query:
            rows_by_query[m.query] = in_period(sql.run(con, m.query), result.design)
        rows = rows_by_query[m.query]
        if f.units and "unit" in rows.columns:
            rows = rows.filter(pl.col("unit").is_in(f.units))
        f.rows = rows
        f.series = monthly_series(rows, m, result.design, min_group_size)
    return chosen


def monthly_series(rows: pl.DataFrame, m: Metric, design: Design,
                   min_group_size: int = MIN_GROUP_SIZE) -> pl.DataFrame:
    """The metric per unit (or company-wide) per month, for the before/after chart; months
    where a unit is under the privacy minimum are left blank. Only the period's months."""
    rows = with_values(in_period(rows, design), m)
    if m.scope == "company" or "unit" not in rows.columns:
        series = (rows.group_by("month").agg((pl.col("_num").sum() / pl.col("_den").sum())
                                             .alias("value"),
                                             pl.col("person_id").n_unique().alias("people"))
                  .with_columns(pl.lit("Sales").alias("unit")))
    else:
        heads = design.unit_months.select("unit", "month", pl.col("headcount").alias("people"))
        series = (rows.group_by("unit", "month")
                  .agg((pl.col("_num").sum() / pl.col("_den").sum()).alias("value"))
                  .join(heads, on=["unit", "month"], how="left"))
    return (series.with_columns(pl.when(pl.col("people") >= min_group_size)
                                .then(pl.col("value")).alias("value"))
            .select("unit", "month", "value", "people").sort("unit", "month"))


def cli_compare(args) -> int:
    from orghealth.db import connect_readonly
    from orghealth.signals import _parse_date

    split = parse_split(args.split)
    date_from = _parse_date(getattr(args, "date_from", None), "--from")
    date_to = _parse_date(getattr(args, "date_to", None), "--to")
    if date_from and date_to and date_from > date_to:
        raise InputError("--from is after --to", hint="give the earlier date to --from")
    con = connect_readonly(args.db)
    try:
        _require_tables(con, args.db)
        result = compare(con, split, date_from=date_from, date_to=date_to,
                         min_group_size=args.min_group_size)
    finally:
        con.close()
    if args.json:
        print(json.dumps(result.to_json(), indent=2, default=str))
    else:
        print(render_text(result))
    return 0


def _require_tables(con: duckdb.DuckDBPyConnection, db_path) -> None:
    have = {r[0] for r in con.execute("select table_name from information_schema.tables")
            .fetchall()}
    missing = {"person_months", "ticket_facts", "hours_by_person_month", "unit_months"} - have
    if missing:
        raise InputError("this database has no people history or summary tables",
                         file=db_path,
                         hint="rebuild it with: orghealth ingest <exports folder> --db "
                              f"{db_path}")

