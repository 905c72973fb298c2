"""Cached results for the reporting-line case page: the comparison, its monthly series and its
rows, keyed on the database version, the split, the period and the privacy minimum."""

from __future__ import annotations

import polars as pl
import streamlit as st

from orghealth import ui
from orghealth.case import compare


@st.cache_data(max_entries=32, show_spinner="Comparing the reporting lines…")
def _result(path: str, fingerprint: str, split: str, window: tuple, min_group: int,
            _view: ui.View):
    return compare.compare(ui.cursor(_view), split, date_from=window[0], date_to=window[1],
                           min_group_size=min_group)


def result(view: ui.View, split: str) -> compare.Comparison:
    """The comparison over the sidebar's period, as 'orghealth compare --from --to' gives it."""
    return _result(view.db, view.fingerprint, split, view.window, view.min_group_size, view)


def rows(view: ui.View, split: str, metric_id: str) -> pl.DataFrame:
    """The rows a metric is computed from (one per item, person-month or team-month), in the
    months compared."""
    frame = ui.query(view, compare.METRIC_BY_ID[metric_id].query)
    return compare.in_period(frame, result(view, split).design)


def series(view: ui.View, split: str, metric_id: str) -> pl.DataFrame:
    """The metric month by month, per PS unit, blank under the privacy minimum."""
    m = compare.METRIC_BY_ID[metric_id]
    return compare.monthly_series(rows(view, split, metric_id), m, result(view, split).design,
                                  view.min_group_size)
