"""Plotly figures shared by the dashboard and the board snapshots.

Pure functions from query results (polars frames, signal results) to figures: no Streamlit,
no SQL, no arithmetic on the numbers beyond placing them. Every figure uses the orghealth
template, so colours and type match everywhere.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from typing import Any

import plotly.graph_objects as go
import polars as pl

from orghealth import theme

TIME_COLUMNS = ("month", "period", "week", "date", "day")
NUMERIC_KINDS = (pl.Float32, pl.Float64, pl.Int8, pl.Int16, pl.Int32, pl.Int64,
                 pl.UInt8, pl.UInt16, pl.UInt32, pl.UInt64)
PERCENT_UNITS = {"share", "fraction", "proportion", "ratio of total"}


# ---------------------------------------------------------------- numbers as words

def is_percent(unit: str | None) -> bool:
    u = (unit or "").strip().lower()
    return u in PERCENT_UNITS or u.startswith("share") or u in {"%", "percent", "pct"}


def format_value(value: Any, unit: str | None = None) -> str:
    """A value as a person reads it: 42%, 3.5 days, 12 tickets. None reads as a dash."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    u = (unit or "").strip()
    if u.lower() in {"%", "percent", "pct"}:
        return _number(value) + "%"
    if is_percent(u):
        return _number(value * 100) + "%"
    text = _number(value)
    return f"{text} {u}".strip()


def _number(value: float) -> str:
    """Whole numbers without decimals, others with one (two below one)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 1:
        return f"{value:,.1f}"
    return f"{value:.2f}"


def _axis_format(unit: str | None) -> dict:
    if (unit or "").strip().lower() in {"%", "percent", "pct"}:
        return dict(ticksuffix="%")
    if is_percent(unit):
        return dict(tickformat=".0%")
    return {}


# ---------------------------------------------------------------- frame shapes

def time_column(frame: pl.DataFrame) -> str | None:
    for c in TIME_COLUMNS:
        if c in frame.columns:
            return c
    return None


def group_column(frame: pl.DataFrame) -> str | None:
    """The column that names the groups of a signal's series (team, unit, reporting line...)."""
    skip = {"value", "n", *TIME_COLUMNS}
    for c, dtype in frame.schema.items():
        if c in skip or c.startswith("is_"):
            continue
        if dtype == pl.String or dtype == pl.Categorical or dtype == pl.Boolean:
            return c
    return None


def display_name(column: str) -> str:
    """A column name as words: 'blamed_function' -> 'Blamed function'."""
    words = column.replace("_id", "").replace("_", " ").strip()
    return (words[:1].upper() + words[1:]) if words else column


# ---------------------------------------------------------------- empty states

def empty_figure(message: str, height: int = 320) -> go.Figure:
    """A figure that explains why there is nothing to draw (never a blank chart)."""
    fig = go.Figure()
    fig.add_annotation(text="<br>".join(textwrap.wrap(message, 60)), x=0.5, y=0.5, xref="paper", yref="paper",
                       showarrow=False, font=dict(size=18, color="#5F6368"))
    fig.update_layout(template=theme.TEMPLATE_NAME, height=height,
                      xaxis=dict(visible=False), yaxis=dict(visible=False))
    return fig


def _insufficient_message(result) -> str:
    reason = getattr(result, "reason", None)
    return f"Not enough data: {reason}" if reason else "Not enough data to show this sign yet."


# ---------------------------------------------------------------- signals

def _threshold_lines(fig: go.Figure, result, unit: str | None) -> None:
    # the worse line's label sits on the far side, so close thresholds never overprint
    worse_up = getattr(result, "higher_is_worse", True)
    for level in ("amber", "red"):
        threshold = getattr(result, level, None)
        if threshold is None:
            continue
        above = (level == "red") == worse_up
        fig.add_hline(
            y=threshold, line_dash="dash", line_width=2,
            line_color=theme.STATUS_COLORS[level],
            annotation_text=f"{theme.status_label(level)}: {format_value(threshold, unit)}",
            annotation_position="top left" if above else "bottom left",
            annotation_font=dict(size=14, color=theme.STATUS_COLORS[level]),
        )


def signal_figure(result, height: int = 420) -> go.Figure:
    """A signal's series with its amber and red threshold lines.

    Over time when the series has a month column (one line per group), otherwise one bar per
    group coloured by where it stands against the thresholds.
    """
    series = getattr(result, "series", None)
    unit = getattr(result, "unit", None)
    if result.status == "insufficient_data" and (series is None or series.is_empty()):
        return empty_figure(_insufficient_message(result), height)
    if series is None or series.is_empty() or "value" not in series.columns:
        return empty_figure("No rows for this view. Widen the date range or pick all teams.",
                            height)
    series = series.filter(pl.col("value").is_not_null())
    if series.is_empty():
        return empty_figure("Every group in this view is below the privacy minimum or has "
                            "no data, so nothing is shown.", height)

    tcol, gcol = time_column(series), group_column(series)
    fig = go.Figure()
    if tcol:
        groups = series[gcol].unique(maintain_order=True).to_list() if gcol else [None]
        headline_group = getattr(result, "group", None) if gcol else None
        for i, g in enumerate(groups):
            part = series.filter(pl.col(gcol) == g) if gcol else series
            part = part.sort(tcol)
            fig.add_trace(go.Scatter(
                x=part[tcol].to_list(), y=part["value"].to_list(),
                mode="lines+markers", name=str(g) if g is not None else result.title,
                line=dict(width=4 if g == headline_group else 2.5,
                          color=_group_color(g, i, gcol, result)),
                marker=dict(size=7),
                customdata=part["n"].to_list() if "n" in part.columns else None,
                hovertemplate=_hover(unit, "%{x|%b %Y}", "n" in part.columns),
            ))
        _month_axis(fig, series[tcol].unique().to_list())
    else:
        labels = [str(x) for x in series[gcol].to_list()] if gcol else [result.title]
        values = series["value"].to_list()
        colors = [theme.status_color(_status_of(v, result)) for v in values]
        fig.add_trace(go.Bar(
            x=labels, y=values, marker_color=colors,
            text=[format_value(v, unit) for v in values], textposition="outside",
            textfont=dict(size=16),
            customdata=series["n"].to_list() if "n" in series.columns else None,
            hovertemplate=_hover(unit, "%{x}", "n" in series.columns),
        ))
        fig.update_layout(showlegend=False)
    _threshold_lines(fig, result, unit)
    _fit_y_range(fig, series["value"].to_list(), result)
    fig.update_layout(template=theme.TEMPLATE_NAME, height=height,
                      yaxis=dict(title_text=_unit_title(unit), **_axis_format(unit)))
    return fig


def _month_axis(fig: go.Figure, periods: list) -> None:
    """Months read as 'Mar 2026'; a single month gets room around it instead of a zoom."""
    fig.update_xaxes(title_text="", tickformat="%b %Y")
    periods = [p for p in periods if p is not None]
    if len(set(periods)) == 1 and hasattr(periods[0], "toordinal"):
        one = periods[0]
        fig.update_xaxes(range=[one - dt.timedelta(days=45), one + dt.timedelta(days=45)],
                         tickvals=[one])


def _fit_y_range(fig: go.Figure, values: list, result) -> None:
    """Keep the threshold lines in view even when every value is far below them."""
    points = [v for v in values if v is not None]
    points += [t for t in (getattr(result, "amber", None), getattr(result, "red", None))
               if t is not None]
    if not points:
        return
    low, high = min(0, *points), max(points)
    pad = (high - low) * 0.15 or 1
    fig.update_yaxes(range=[low, high + pad])


def _unit_title(unit: str | None) -> str:
    """An axis title only for units that are words (days, h/week); % and × speak for
    themselves on the ticks."""
    u = (unit or "").strip()
    if is_percent(u) or not any(ch.isalpha() for ch in u) or len(u) <= 2:
        return ""
    return u[:1].upper() + u[1:]


def _hover(unit: str | None, x: str, with_n: bool) -> str:
    value = "%{y:.0%}" if is_percent(unit) else "%{y:,.2f}" + (f" {unit}" if unit else "")
    text = f"{x}<br>{value}"
    if with_n:
        text += "<br>based on %{customdata}"
    return text + "<extra></extra>"


def _group_color(group, index: int, gcol: str | None, result) -> str:
    """The group the headline comes from (or the only line) in its status colour, the
    others in greys, so the eye goes to the line that sets the traffic light."""
    if gcol is None or group == getattr(result, "group", None):
        return theme.status_color(result.status)
    return theme.NEUTRAL_LINES[index % len(theme.NEUTRAL_LINES)]


def _status_of(value, result) -> str:
    """Where one group's value stands against the sign's own thresholds."""
    amber, red = getattr(result, "amber", None), getattr(result, "red", None)
    if value is None or amber is None or red is None:
        return "insufficient_data"
    worse = getattr(result, "higher_is_worse", red >= amber)
    if worse:
        return "red" if value >= red else "amber" if value >= amber else "green"
    return "red" if value <= red else "amber" if value <= amber else "green"


def sparkline(result, height: int = 70) -> go.Figure:
    """A small trend of a signal over months, in its status colour; thresholds faint."""
    series = getattr(result, "series", None)
    tcol = time_column(series) if series is not None else None
    fig = go.Figure()
    if series is not None and tcol and "value" in series.columns:
        part = series.filter(pl.col("value").is_not_null())
        gcol = group_column(part)
        if gcol:  # one thin line per group, the trend of each
            groups = part[gcol].unique(maintain_order=True).to_list()
        else:
            groups = [None]
        for g in groups:
            rows = (part.filter(pl.col(gcol) == g) if gcol else part).sort(tcol)
            fig.add_trace(go.Scatter(
                x=rows[tcol].to_list(), y=rows["value"].to_list(), mode="lines",
                line=dict(width=2.5, color=theme.status_color(result.status)),
                hoverinfo="skip", name=str(g) if g is not None else "",
            ))
        for level in ("amber", "red"):
            t = getattr(result, level, None)
            if t is not None:
                fig.add_hline(y=t, line_dash="dot", line_width=1,
                              line_color=theme.STATUS_COLORS[level])
    if not fig.data:
        fig.add_annotation(text="no trend to show", x=0.5, y=0.5, xref="paper", yref="paper",
                           showarrow=False, font=dict(size=13, color="#5F6368"))
    fig.update_layout(
        template=theme.TEMPLATE_NAME, height=height, showlegend=False,
        margin=dict(l=0, r=0, t=4, b=4),
        xaxis=dict(visible=False), yaxis=dict(visible=False),
    )
    return fig


def sparkline_svg(result, width: int = 300, height: int = 64) -> str:
    """The same trend as ``sparkline`` as a small inline SVG: many of them on one page cost
    the browser nothing. Holds no text from the data."""
    series = getattr(result, "series", None)
    tcol = time_column(series) if series is not None else None
    if series is None or tcol is None or "value" not in series.columns:
        return ""
    part = series.filter(pl.col("value").is_not_null() & pl.col(tcol).is_not_null())
    if part.is_empty():
        return ""
    periods = sorted(part[tcol].unique().to_list())
    x_of = {p: i for i, p in enumerate(periods)}
    levels = [getattr(result, k, None) for k in ("amber", "red")]
    values = part["value"].to_list() + [v for v in levels if v is not None]
    low, high = min(0.0, *values), max(values)
    span = (high - low) or 1.0
    pad = 4

    def xy(period, value) -> str:
        x = pad + (width - 2 * pad) * (x_of[period] / max(len(periods) - 1, 1))
        y = height - pad - (height - 2 * pad) * ((value - low) / span)
        return f"{x:.1f},{y:.1f}"

    shapes = []
    for level, value in zip(("amber", "red"), levels, strict=True):
        if value is not None:
            y = xy(periods[0], value).split(",")[1]
            shapes.append(f'<line x1="{pad}" x2="{width - pad}" y1="{y}" y2="{y}" '
                          f'stroke="{theme.STATUS_COLORS[level]}" stroke-width="1.5" '
                          f'stroke-dasharray="4 3"/>')
    gcol = group_column(part)
    groups = part[gcol].unique(maintain_order=True).to_list() if gcol else [None]
    headline = getattr(result, "group", None)
    lines = []
    for i, g in enumerate(groups):
        rows = (part.filter(pl.col(gcol) == g) if gcol else part).sort(tcol)
        points = " ".join(xy(p, v) for p, v in zip(rows[tcol], rows["value"], strict=True))
        main = gcol is None or g == headline
        color = theme.status_color(result.status) if main else \
            theme.NEUTRAL_LINES[i % len(theme.NEUTRAL_LINES)]
        line = (f'<polyline points="{points}" fill="none" stroke="{color}" '
                f'stroke-width="{3 if main else 1.5}" stroke-linejoin="round"/>')
        lines.append(line)
    # the headline line last, so it is drawn on top
    lines.sort(key=lambda ln: 'stroke-width="3"' in ln)
    return (f'<svg viewBox="0 0 {width} {height}" width="100%" height="{height}" '
            f'preserveAspectRatio="none" role="img" aria-label="trend">'
            + "".join(shapes + lines) + "</svg>")


# ---------------------------------------------------------------- the organisation

def _org_trace_args(frame: pl.DataFrame) -> dict:
    flagged = frame["ps_under_sales"].fill_null(False).to_list()
    functions = frame["function"].to_list()
    labels = [
        f"{u}<br><b>reports into Sales</b>" if f else u
        for u, f in zip(frame["unit"].to_list(), flagged, strict=True)
    ]
    return dict(
        ids=frame["unit_id"].to_list(),
        parents=frame["parent_id"].fill_null("").to_list(),
        labels=labels,
        values=frame["headcount"].to_list(),
        branchvalues="remainder",
        marker=dict(
            colors=[theme.function_color(f) for f in functions],
            line=dict(color=[theme.HIGHLIGHT if f else "white" for f in flagged],
                      width=[5 if f else 1 for f in flagged]),
        ),
        customdata=[theme.function_label(f) for f in functions],
        hovertemplate="<b>%{label}</b><br>%{customdata}<br>%{value} people including "
                      "the teams below<extra></extra>",
        textfont=dict(size=15, color=[_text_on(theme.function_color(f)) for f in functions]),
    )


def org_sunburst(frame: pl.DataFrame, height: int = 620) -> go.Figure:
    """Units by reporting line as rings, coloured by function; Services units under Sales
    outlined red.

    ``frame``: one row per unit with ``unit_id``, ``parent_id`` (empty for the top),
    ``unit``, ``function``, ``headcount`` and ``ps_under_sales`` (queries/views/org_tree.sql).
    """
    if frame.is_empty():
        return empty_figure("No people on this date.", height)
    fig = go.Figure(go.Sunburst(insidetextorientation="horizontal", **_org_trace_args(frame)))
    fig.update_layout(template=theme.TEMPLATE_NAME, height=height,
                      margin=dict(l=10, r=10, t=10, b=10))
    return fig


def org_icicle(frame: pl.DataFrame, height: int = 560) -> go.Figure:
    """The same tree as ``org_sunburst``, laid out left to right: every label reads
    horizontally, which suits a projector. Same ``frame``."""
    if frame.is_empty():
        return empty_figure("No people on this date.", height)
    fig = go.Figure(go.Icicle(tiling=dict(orientation="h", pad=2), root=dict(color="white"),
                              textposition="middle left", **_org_trace_args(frame)))
    fig.update_layout(template=theme.TEMPLATE_NAME, height=height,
                      margin=dict(l=0, r=0, t=0, b=0))
    return fig


def _text_on(background: str) -> str:
    """Black or white text, whichever reads better on this background colour."""
    r, g, b = (int(background[i:i + 2], 16) for i in (1, 3, 5))
    return "#111111" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "white"


def function_legend() -> list[tuple[str, str]]:
    """(label, colour) for every function, for a legend beside charts that colour by it."""
    return [(theme.FUNCTION_LABELS[f], c) for f, c in theme.FUNCTION_COLORS.items()]


def layers_figure(frame: pl.DataFrame, height: int = 360) -> go.Figure:
    """Headcount by layer (0 = the top), one bar segment per function.

    ``frame``: ``layer``, ``function``, ``headcount``.
    """
    if frame.is_empty():
        return empty_figure("No reporting lines on this date.", height)
    fig = go.Figure()
    for function in frame["function"].unique(maintain_order=True).to_list():
        part = frame.filter(pl.col("function") == function).sort("layer")
        fig.add_trace(go.Bar(
            x=part["layer"].to_list(), y=part["headcount"].to_list(),
            name=theme.function_label(function),
            marker_color=theme.function_color(function),
            hovertemplate="Layer %{x}<br>%{y} people<extra>" + theme.function_label(function)
                          + "</extra>",
        ))
    fig.update_layout(template=theme.TEMPLATE_NAME, height=height, barmode="stack",
                      xaxis=dict(title_text="Layers below the top", dtick=1),
                      yaxis=dict(title_text="People"))
    return fig


def spans_figure(frame: pl.DataFrame, height: int = 360) -> go.Figure:
    """How many direct reports each manager has, as a histogram coloured by function.

    ``frame``: one row per manager with ``direct_reports`` and ``function``
    (queries/org/spans_layers.sql).
    """
    if frame.is_empty():
        return empty_figure("No managers on this date.", height)
    fig = go.Figure()
    for function in frame["function"].unique(maintain_order=True).to_list():
        part = frame.filter(pl.col("function") == function)
        fig.add_trace(go.Histogram(
            x=part["direct_reports"].to_list(), name=theme.function_label(function),
            marker_color=theme.function_color(function), xbins=dict(size=1),
            hovertemplate="%{x} direct reports<br>%{y} managers<extra>"
                          + theme.function_label(function) + "</extra>",
        ))
    fig.update_layout(template=theme.TEMPLATE_NAME, height=height, barmode="stack",
                      xaxis=dict(title_text="Direct reports per manager"),
                      yaxis=dict(title_text="Managers"))
    return fig


CHANGE_KINDS = (
    ("new_manager", "New manager", "#4A5A6A", "circle"),
    ("left_sales", "No longer under Sales", theme.STATUS_COLORS["green"], "triangle-down"),
    ("moved_into_sales", "Now under Sales", theme.HIGHLIGHT, "diamond"),
)


def reporting_timeline(frame: pl.DataFrame, height: int = 420) -> go.Figure:
    """Reporting-line changes over time, one row per unit; moves under Sales stand out.

    ``frame``: one row per unit, month and kind of change with ``month``, ``unit``, ``kind``
    (new_manager, moved_into_sales, left_sales), ``people`` and ``names``
    (queries/views/reporting_changes.sql).
    """
    if frame.is_empty():
        return empty_figure("No reporting-line changes in this period.", height)
    fig = go.Figure()
    biggest = max(frame["people"].max() or 1, 1)
    for kind, name, color, symbol in CHANGE_KINDS:
        part = frame.filter(pl.col("kind") == kind)
        if part.is_empty():
            continue
        people = part["people"].to_list()
        fig.add_trace(go.Scatter(
            x=part["month"].to_list(), y=part["unit"].to_list(), mode="markers", name=name,
            marker=dict(size=[10 + 26 * (p / biggest) ** 0.5 for p in people], color=color,
                        symbol=symbol, line=dict(width=1, color="white"), opacity=0.9),
            customdata=list(zip(people, part["names"].fill_null("").to_list(), strict=True)),
            hovertemplate="%{x|%b %Y} · %{y}<br><b>" + name
                          + ": %{customdata[0]} people</b><br>%{customdata[1]}<extra></extra>",
        ))
    units = frame["unit"].n_unique()
    _month_axis(fig, frame["month"].to_list())
    fig.update_layout(template=theme.TEMPLATE_NAME, height=max(height, 120 + 34 * units),
                      yaxis=dict(title_text="", categoryorder="category descending",
                                 automargin=True),
                      xaxis=dict(title_text=""), margin=dict(l=10))
    return fig
