"""Data quality: every row accounted for, and what could not be used."""

import streamlit as st

from orghealth import ui

view = ui.current_view()
ui.page_header(
    "Data quality",
    "Every row of every file is either loaded or set aside with a reason. Fix the reasons in "
    "the exports and load them again to bring the numbers closer to the truth.",
)
report = ui.check_report(view)
info = report.get("database", {})
if info:
    st.caption(f"Built {info.get('built_at', 'at an unknown time')} · data from "
               f"{info.get('data_start', '?')} to {info.get('data_end', '?')} · rules: "
               f"{info.get('rules', 'the built-in defaults')}")

totals = report["totals"]
with st.container(horizontal=True, key="quality_totals"):
    st.metric("Rows read", f"{totals['rows_read']:,}", border=True, width=220)
    st.metric("Rows loaded", f"{totals['rows_loaded']:,}", border=True, width=220)
    st.metric("Rows set aside", f"{totals['rows_rejected']:,}", border=True, width=220)
if report["balanced"]:
    st.success("Every row is accounted for: rows read = rows loaded + rows set aside, "
               "in every file.")
else:
    st.warning("Some files do not add up: see the files marked below.")

set_aside = report.get("files_set_aside", [])
if set_aside:
    st.header("Files that could not be read")
    st.warning(f"{len(set_aside):,} file(s) could not be read at all and were left out; "
               "everything else loaded without them.")
    ui.table(ui.table_words(ui.short_file_names(ui.records(set_aside))),
             key="quality_set_aside")

st.header("What each file gave")
files = ui.table_words(ui.short_file_names(ui.records(report["files"])))
ui.table(files.drop("balanced") if report["balanced"] else files, key="quality_files",
         empty="No files were loaded.")

st.header("Rows set aside, and why")
reasons = report["rejects"]["by_reason"]
if not reasons:
    st.write("No row was set aside.")
for i, r in enumerate(reasons):
    examples = ui.short_file_names(ui.records(r["examples"]))
    with st.expander(f"{r['count']:,} × {r['reason']}"):
        ui.table(examples, key=f"quality_reason_{i}")

lines = report["reporting_lines"]
st.header("Reporting lines that do not hold together")
for key, title, empty in (
    ("cycles", "People whose line of managers loops back on itself", "No loops."),
    ("orphans", "People whose manager is not in the HR data", "Everyone's manager is known."),
    ("self_managers", "People listed as their own manager", "Nobody is their own manager."),
):
    st.subheader(title)
    ui.table(ui.records(lines[key], drop=("kind",)), key=f"quality_{key}", empty=empty)

st.header("Names in the exports that match nobody in the HR data")
ui.show_rows(ui.table_words(ui.short_file_names(ui.records(report["unmatched_people"]))),
             key="quality_unmatched", file_stem="unmatched-people", label="Show them")

st.header("People the rules gave no function")
ui.show_rows(ui.records(report["people_without_function"]), key="quality_no_function",
             file_stem="people-without-function", label="Show them")

st.header("Dates each table covers")
ui.table(ui.table_words(ui.records(report["date_coverage"])), key="quality_coverage")
