"""Clockify detailed report (every value quoted, CRLF; durations as hh:mm:ss and decimal)."""

from orghealth.formats.base import Format, load_csv

FORMAT = Format(
    name="clockify",
    title="Clockify detailed report",
    table="time_entries",
    signature=("Project", "User", "Email", "Start Date", "Duration (h)"),
    optional=("Client", "Description", "Task", "Group", "Tags", "Billable", "Start Time",
              "End Date", "End Time", "Duration (decimal)"),
    staging="staging/stg_clockify",
    refs=("person_id",),
    date_order="dmy",
    order=40,
    loader=load_csv,
)
