"""Figures for the reporting-line case: a metric month by month with the move marked, and the
groups a finding compares. Pure functions from frames and findings to Plotly figures; shared by
the dashboard page and the evidence pack."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from orghealth import theme
from orghealth.case.measures import (
    BEFORE_AFTER,
    METRIC_BY_ID,
    SIDE_BY_SIDE,
    Design,
    Finding,
    Metric,
)

OTHER_UNIT_COLORS = [c for c in theme.SERIES_COLORS if c != theme.HIGHLIGHT]


def _axis(metric: Metric) -> dict:
    return dict(tickformat=".0%") if metric.kind == "share" else {}


def _y_title(metric: Metric) -> str:
    return metric.axis_title


def trend_figure(series: pl.DataFrame, metric: Metric, design: Design,
                 height: int = 420) -> go.Figure:
    """One line per PS unit (or one for the company), with each move into Sales marked.
    ``series``: unit, month, value (blank where a unit is under the privacy minimum)."""
    fig = go.Figure()
    others = iter(OTHER_UNIT_COLORS * 4)
    for unit in sorted(series["unit"].unique().to_list()):
        part = series.filter(pl.col("unit") == unit).sort("month")
        moved = unit in design.treated
        name = f"{unit} (reports into Sales)" if moved else unit
        fig.add_trace(go.Scatter(
            x=part["month"].to_list(), y=part["value"].to_list(), mode="lines+markers",
            name=name, connectgaps=False,
            line=dict(color=theme.HIGHLIGHT if moved else next(others), width=3 if moved else 2),
            hovertemplate="%{x|%b %Y}: %{y" + (":.0%" if metric.kind == "share" else ":.2f")
            + "}<extra>" + unit + "</extra>"))
    marks = sorted(set(design.treated.values())) if design.split.kind == "reporting-line" \
        else [design.reference] if design.reference else []
    for at in marks:
        units = [u for u, d in design.treated.items() if d == at]
        label = (f"{', '.join(sorted(units))} moves under Sales"
                 if design.split.kind == "reporting-line" else "chosen date")
        fig.add_shape(type="line", x0=at, x1=at, xref="x", y0=0, y1=1, yref="paper",
                      line=dict(color=theme.TEXT_COLOR, dash="dash", width=1.5))
        fig.add_annotation(x=at, y=1, xref="x", yref="paper", text=label, showarrow=False,
                           xanchor="left", yanchor="bottom", font=dict(size=13))
    fig.update_layout(template=theme.TEMPLATE_NAME, height=height,
                      yaxis=dict(title=dict(text=_y_title(metric)), rangemode="tozero",
                                 **_axis(metric)),
                      legend=dict(y=-0.25, yanchor="top"), margin=dict(t=60))
    return fig


def groups_figure(finding: Finding, metric: Metric, height: int = 380) -> go.Figure:
    """The values a finding compares, as bars; the interval of the difference in the title."""
    labels = [g.label for g in finding.groups]
    values = [g.value for g in finding.groups]
    colors = [theme.HIGHLIGHT if g.sales_side else theme.FUNCTION_COLORS["ps"]
              for g in finding.groups]
    text = [f"{v:.0%}" if metric.kind == "share" else f"{v:.{metric.digits}f}" for v in values]
    fig = go.Figure(go.Bar(x=labels, y=values, marker_color=colors, text=text,
                           textposition="outside", cliponaxis=False,
                           customdata=[f"{g.rows} {metric.rows_word}, {g.people} people"
                                       for g in finding.groups],
                           hovertemplate="%{x}: %{text}<br>%{customdata}<extra></extra>"))
    fig.update_layout(template=theme.TEMPLATE_NAME, height=height, showlegend=False,
                      yaxis=dict(title=dict(text=_y_title(metric)), rangemode="tozero",
                                 **_axis(metric)))
    return fig


def finding_figure(finding: Finding, series: pl.DataFrame, design: Design) -> go.Figure:
    """The chart that goes with a finding: the months with the move marked for a change over
    time, the two groups side by side for a comparison at the same time."""
    metric = METRIC_BY_ID[finding.metric]
    if finding.comparison == SIDE_BY_SIDE or series.is_empty():
        return groups_figure(finding, metric)
    if finding.units and metric.scope != "company":
        series = series.filter(pl.col("unit").is_in(finding.units))
    fig = trend_figure(series, metric, design)
    if finding.comparison == BEFORE_AFTER and len(finding.groups) == 2 and not series.is_empty():
        _period_levels(fig, finding, metric, series, design)
    return fig


def _period_levels(fig: go.Figure, finding: Finding, metric: Metric, series: pl.DataFrame,
                   design: Design) -> None:
    """The before and after values as flat dotted lines over their months."""
    cuts = [design.treated.get(u, design.reference) for u in finding.units] or [design.reference]
    cut = min(c for c in cuts if c is not None)
    first, last = series["month"].min(), series["month"].max()
    for group, x0, x1 in ((finding.groups[0], first, cut), (finding.groups[1], cut, last)):
        text = f"{group.value:.0%}" if metric.kind == "share" else f"{group.value:.{metric.digits}f}"
        fig.add_trace(go.Scatter(
            x=[x0, x1], y=[group.value, group.value], mode="lines", showlegend=False,
            line=dict(color=theme.TEXT_COLOR, dash="dot", width=2),
            hovertemplate=f"{group.label}: {text}<extra></extra>"))
        fig.add_annotation(x=x1, y=group.value, text=text, showarrow=False, xanchor="right",
                           yanchor="bottom", font=dict(size=13))
