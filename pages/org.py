"""Org structure: reporting lines at a glance, spans and layers, and changes over time."""

import streamlit as st

from orghealth import charts, ui

view = ui.current_view()
ui.page_header(
    "Org structure",
    "Who reports into whom, team by team. Services teams whose line runs into Sales are "
    "outlined in red.",
    view,
)
ui.signal_family(view, ui.FAMILY_PAGES["pages/org.py"])

st.header("Reporting lines")
month = ui.month_picker(view, key="as_of")
if month is None:
    st.info("There are no people in this database yet, so there is no org chart to draw.")
    st.stop()
tree = ui.query(view, "views/org_tree", month=month, min_group_size=view.min_group_size)
chart_col, legend_col = st.columns([4, 1])
with chart_col:
    ui.chart(charts.org_icicle(tree), key="org_tree")
with legend_col:
    ui.function_legend()
ui.show_rows(ui.with_function_names(tree.drop("unit_id", "parent_id")), key="org_tree", file_stem="teams",
             label="Show the teams")

st.header("Spans and layers")
layers_col, spans_col = st.columns(2)
with layers_col:
    st.markdown("**People at each layer below the top**")
    ui.chart(charts.layers_figure(ui.query(view, "views/org_layers", month=month)),
             key="org_layers")
with spans_col:
    st.markdown("**Direct reports per manager**")
    spans = ui.mask_small_units(ui.query(view, "org/spans_layers", as_of=ui.month_end(month)),
                                "unit", "unit_headcount", view.min_group_size)
    ui.chart(charts.spans_figure(spans), key="org_spans")
ui.show_rows(ui.with_function_names(spans.drop("manager_id")), key="org_spans",
             file_stem="managers", label="Show the managers")

st.header("Changes in reporting lines")
st.markdown("Each mark is a team in a month where people got a new manager, or where their "
            "line started or stopped running into Sales. Bigger marks: more people.")
changes = ui.query(view, "views/reporting_changes", date_from=view.date_from,
                   date_to=view.date_to, min_group_size=view.min_group_size)
ui.chart(charts.reporting_timeline(changes), key="org_changes")
ui.show_rows(changes, key="org_changes", file_stem="reporting-changes",
             label="Show the changes")
