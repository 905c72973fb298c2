"""Rules: what each classification rule matched, so a number can be traced to its words."""

import streamlit as st

from orghealth import ui

view = ui.current_view()
ui.page_header(
    "Rules",
    "Exports are not labelled for us: words in labels, task names, departments and titles "
    "decide what counts as an initiative, selling time or a Sales team. Here is what each rule "
    "matched in this data. Change the words in `orghealth.toml` and load the data again.",
)

st.header("Which function each department was given")
departments = ui.query(view, "views/department_functions", min_group_size=view.min_group_size)
ui.table(ui.with_function_names(departments, "function"), key="rules_departments",
         empty="No people in this database.")

st.header("What the rules made of tickets")
ui.table(ui.query(view, "views/ticket_classes"), key="rules_tickets",
         empty="No tickets in this database.")

st.header("What the rules made of the hours logged")
ui.table(ui.with_function_names(ui.query(view, "views/time_activities"), "function"),
         key="rules_time", empty="No time entries in this database.")

st.header("What each rule matched")
hits = ui.query(view, "views/rule_hits")
if hits.is_empty():
    st.info("This database keeps no record of its rules. Load the exports again to see what "
            "each rule matched.")
for rule_set, rows in ui.groups(hits, "rule_set"):
    st.subheader(ui.RULE_SET_TITLES.get(rule_set, rule_set.capitalize()))
    ui.table(rows.drop("rule_set"), key=f"rules_{rule_set}")
