"""The case for an independent reporting line: Services under Sales against not, before against
after the move, with intervals, and only the findings the data carries."""

from datetime import date

import streamlit as st

from orghealth import ui
from orghealth.case import charts as case_charts
from orghealth.case import compare
from orghealth.case import view as case_view
from orghealth.case import words as case_words
from orghealth.errors import InputError

view = ui.current_view()
ui.page_header(
    "The case for an independent reporting line",
    "Professional Services units whose management line runs into Sales, set against those that "
    "do not, and each unit before against after its move. Every finding carries a 95% interval; "
    "a finding the data cannot carry is held back, with the reason.",
)
st.caption("Over the period in the sidebar: a unit's move is compared when the period holds "
           f"months before and after it. Groups under {view.min_group_size} people are not "
           "compared.")

how = st.radio("Compare", ["reporting-line", "date"], horizontal=True, key="case_split",
               format_func={"reporting-line": "By reporting line, as the people history shows it",
                            "date": "Before and after a date I choose"}.get)
split = "reporting-line"
if how == "date":
    low, high = view.date_from or view.first_day, view.date_to or view.last_day
    default = low or date.today()
    if low and high:
        default = low + (high - low) / 2
    kept = st.session_state.get("case_date")
    if kept is not None and ((low and kept < low) or (high and kept > high)):
        del st.session_state["case_date"]   # a date from a wider period than this one
    picked = st.date_input("Date", value=default, min_value=low, max_value=high,
                           key="case_date", format="YYYY-MM-DD")
    split = f"date:{picked:%Y-%m-%d}"

try:
    result = case_view.result(view, split)
except InputError as exc:
    st.warning(str(exc))
    st.stop()
design = result.design
st.markdown(f"### {case_words.verdict(result)}")
for rival in result.confounders:
    st.warning(f"Another possible cause: {rival}")
if split == "reporting-line" and not design.treated:
    st.info("To compare anyway, choose **Before and after a date I choose** above: the same "
            "measures, before against after the date.")
if design.period is not None:
    st.markdown(f"**Months compared:** {design.period.text}")

moved_col, stayed_col = st.columns(2)
with moved_col:
    st.markdown("**Reporting into Sales**")
    for unit, since in sorted(design.treated.items()):
        st.markdown(f"- {unit}, from {since:%B %Y}")
    if not design.treated:
        st.markdown("- none")
with stayed_col:
    st.markdown("**Not reporting into Sales**")
    for unit in design.control:
        st.markdown(f"- {unit}")
    if not design.control:
        st.markdown("- none")
if design.note:
    st.info(design.note)

st.header("Findings")
if design.reference is None:
    st.write("No comparison is made over these months: the note above says why.")
elif not result.claimed:
    st.write("The data does not support a finding: the groups are too small, or the "
             "differences are within chance.")
# one card per measure, the measure with the strongest finding first
for metric_id, findings in compare.claimed_by_metric(result).items():
    with st.container(border=True):
        st.subheader(compare.METRIC_BY_ID[metric_id].axis_title, divider=False)
        for f in findings:
            st.markdown(f"- {f.sentence}")
        with st.expander("How sure is this"):
            if len(design.treated) == 1:
                st.caption(case_words.SINGLE_CASE)
            for f in findings:
                st.caption(compare.basis(f).strip("()"))

if result.findings:
    st.header("Month by month")
    metrics = list(dict.fromkeys(f.metric for f in result.findings))
    metric_id = st.selectbox("Measure", metrics, key="case_metric",
                             format_func=lambda m: compare.METRIC_BY_ID[m].axis_title)
    metric = compare.METRIC_BY_ID[metric_id]
    ui.chart(case_charts.trend_figure(case_view.series(view, split, metric_id), metric, design),
             key="case_trend")
    sides = [f for f in result.findings
             if f.metric == metric_id and f.comparison == compare.SIDE_BY_SIDE and f.claimed]
    if sides:
        st.markdown("**Side by side, over the same months**")
        ui.chart(case_charts.groups_figure(sides[0], metric), key="case_side")
    ui.show_rows(case_view.rows(view, split, metric_id), key=f"case_{metric_id}",
                 file_stem=f"case-{metric_id}", label="Show the rows behind this measure")

if result.withheld:
    with st.expander(f"Held back ({len(result.withheld)})"):
        for f in result.withheld:
            st.markdown(f"- {compare.withheld_words(f)}")

st.download_button("Download the findings (text)", compare.render_text(result),
                   file_name="reporting-line-case.txt", mime="text/plain", key="case_download",
                   on_click="ignore")
