"""The shared figures: thresholds drawn, statuses coloured, empty states explained."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl
import pytest

from orghealth import charts, theme


@dataclass
class Result:
    """The fields of orghealth.signals.SignalResult that the figures read."""

    id: str = "deferred_initiatives"
    title: str = "Initiatives deferred again and again"
    status: str = "red"
    value: float | None = 64.0
    unit: str = "%"
    amber: float = 25.0
    red: float = 40.0
    n: int | None = 30
    reason: str | None = None
    higher_is_worse: bool = True
    series: pl.DataFrame = field(default_factory=pl.DataFrame)


def monthly(values_by_group: dict[str, list[float]]) -> pl.DataFrame:
    rows = []
    for grp, values in values_by_group.items():
        for i, v in enumerate(values):
            rows.append({"period": dt.date(2026, i + 1, 1), "grp": grp, "value": v, "n": 10})
    return pl.DataFrame(rows)


def hline_values(fig) -> list[float]:
    return sorted(s.y0 for s in fig.layout.shapes if s.type == "line")


def test_signal_figure_draws_one_line_per_group_and_both_thresholds():
    r = Result(series=monthly({"PS North": [10, 30, 64], "PS South": [12, 11, 9]}))
    fig = charts.signal_figure(r)
    assert [t.name for t in fig.data] == ["PS North", "PS South"]
    assert list(fig.data[0].y) == [10, 30, 64]
    assert hline_values(fig) == [25.0, 40.0]
    colours = {s.line.color for s in fig.layout.shapes}
    assert colours == {theme.STATUS_COLORS["amber"], theme.STATUS_COLORS["red"]}
    assert fig.layout.yaxis.ticksuffix == "%"


def test_thresholds_stay_in_view_when_values_are_far_below():
    r = Result(status="green", value=2.0, series=monthly({"all": [1, 2, 2]}))
    low, high = charts.signal_figure(r).layout.yaxis.range
    assert low <= 0 and high > 40.0


def test_bars_take_the_colour_of_their_own_status():
    series = pl.DataFrame({"grp": ["A", "B", "C"], "value": [10.0, 30.0, 50.0], "n": [9, 9, 9]})
    fig = charts.signal_figure(Result(series=series))
    assert list(fig.data[0].marker.color) == [
        theme.STATUS_COLORS["green"], theme.STATUS_COLORS["amber"], theme.STATUS_COLORS["red"]]


def test_lower_is_worse_signs_colour_the_other_way_round():
    series = pl.DataFrame({"grp": ["A", "B"], "value": [1.0, 9.0], "n": [9, 9]})
    r = Result(amber=5.0, red=2.0, higher_is_worse=False, series=series)
    colours = list(charts.signal_figure(r).data[0].marker.color)
    assert colours == [theme.STATUS_COLORS["red"], theme.STATUS_COLORS["green"]]


@pytest.mark.parametrize("series", [pl.DataFrame(), None])
def test_insufficient_data_says_why_instead_of_a_blank_chart(series):
    r = Result(status="insufficient_data", value=None, reason="no time entries were loaded",
               series=series if series is not None else pl.DataFrame())
    fig = charts.signal_figure(r)
    assert not fig.data
    assert "no time entries were loaded" in fig.layout.annotations[0].text


def test_suppressed_groups_leave_an_explanation():
    series = pl.DataFrame({"period": [dt.date(2026, 1, 1)], "grp": ["A"], "value": [None],
                           "n": [3]}, schema_overrides={"value": pl.Float64})
    fig = charts.signal_figure(Result(series=series))
    assert "privacy minimum" in fig.layout.annotations[0].text


def test_sparkline_uses_the_status_colour():
    fig = charts.sparkline(Result(status="amber", series=monthly({"x": [1, 2, 3]})))
    assert fig.data[0].line.color == theme.STATUS_COLORS["amber"]
    assert not fig.layout.xaxis.visible


def test_sparkline_without_months_still_draws_a_frame():
    fig = charts.sparkline(Result(series=pl.DataFrame({"grp": ["a"], "value": [1.0]})))
    assert not fig.data and fig.layout.annotations


@pytest.mark.parametrize(("value", "unit", "text"), [
    (64.0, "%", "64%"), (12.5, "%", "12.5%"), (0.42, "share", "42%"),
    (87.0, "days", "87 days"), (1234.0, "hours", "1,234 hours"), (0.125, "per person", "0.12 per person"),
    (None, "%", "–"), (float("nan"), "days", "–"),
])
def test_format_value(value, unit, text):
    assert charts.format_value(value, unit) == text


def test_org_sunburst_outlines_services_units_under_sales():
    tree = pl.DataFrame({
        "unit_id": ["Office of the CEO", "Sales", "PS North", "PS South"],
        "parent_id": [None, "Office of the CEO", "Sales", "Office of the CEO"],
        "unit": ["Office of the CEO", "Sales", "PS North", "PS South"],
        "function": ["exec", "sales", "ps", "ps"],
        "headcount": [3, 40, 25, 25],
        "ps_under_sales": [False, False, True, False],
    })
    trace = charts.org_sunburst(tree).data[0]
    assert list(trace.parents) == ["", "Office of the CEO", "Sales", "Office of the CEO"]
    assert list(trace.marker.colors) == [theme.FUNCTION_COLORS[f] for f in
                                         ("exec", "sales", "ps", "ps")]
    assert list(trace.marker.line.color) == ["white", "white", theme.HIGHLIGHT, "white"]
    assert "reports into Sales" in trace.labels[2] and "Sales" not in trace.labels[3]


def test_reporting_timeline_sets_moves_under_sales_apart():
    changes = pl.DataFrame({
        "month": [dt.date(2025, 10, 1), dt.date(2025, 10, 1), dt.date(2026, 2, 1)],
        "unit": ["PS North", "Sales", "Sales"],
        "kind": ["moved_into_sales", "new_manager", "new_manager"],
        "people": [25, 1, 2], "names": ["a, b", "c", "d, e"],
    })
    fig = charts.reporting_timeline(changes)
    by_name = {t.name: t for t in fig.data}
    assert set(by_name) == {"New manager", "Now under Sales"}
    assert by_name["Now under Sales"].marker.color == theme.HIGHLIGHT
    big, = by_name["Now under Sales"].marker.size
    assert big > max(by_name["New manager"].marker.size)


@pytest.mark.parametrize("builder", [charts.org_sunburst, charts.reporting_timeline,
                                     charts.layers_figure, charts.spans_figure])
def test_empty_frames_are_explained(builder):
    fig = builder(pl.DataFrame())
    assert fig.layout.annotations and not fig.data


def test_every_function_has_its_own_colour_apart_from_the_statuses():
    colours = list(theme.FUNCTION_COLORS.values())
    assert len(set(colours)) == len(colours)
    assert not set(colours) & set(theme.STATUS_COLORS.values())


def test_org_icicle_reads_the_same_tree():
    tree = pl.DataFrame({
        "unit_id": ["Top", "Sales", "PS North"], "parent_id": [None, "Top", "Sales"],
        "unit": ["Top", "Sales", "PS North"], "function": ["exec", "sales", "ps"],
        "headcount": [2, 10, 6], "ps_under_sales": [False, False, True],
    })
    trace = charts.org_icicle(tree).data[0]
    assert trace.type == "icicle" and list(trace.parents) == ["", "Top", "Sales"]
    assert list(trace.marker.line.color)[2] == theme.HIGHLIGHT
    assert list(trace.textfont.color)[0] == "white"  # on the dark leadership colour


def test_sparkline_svg_draws_thresholds_and_the_headline_group_on_top():
    r = Result(status="red", series=monthly({"PS South": [5, 6, 7], "PS North": [10, 30, 64]}))
    r.group = "PS North"
    svg = charts.sparkline_svg(r)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<line") == 2 and svg.count("<polyline") == 2
    assert svg.rindex(theme.STATUS_COLORS["red"]) > svg.index("<polyline")  # drawn last
    assert "PS North" not in svg  # no text from the data


def test_sparkline_svg_is_empty_without_months():
    assert charts.sparkline_svg(Result(series=pl.DataFrame({"grp": ["a"], "value": [1.0]}))) == ""
