"""Clockify detailed report (every value quoted, CRLF; durations as hh:mm:ss and decimal)."""

from orghealth.ingest.formats.base import TIME_ENTRIES, Format, load_csv

FORMAT = Format(
    name="clockify",
    title="Clockify detailed report",
    **TIME_ENTRIES,
    signature=("Project", "User", "Email", "Start Date", "Duration (h)"),
    optional=("Client", "Description", "Task", "Group", "Tags", "Billable", "Start Time",
              "End Date", "End Time", "Duration (decimal)"),
    staging="staging/stg_clockify",
    date_order="dmy",
    loader=load_csv,
)
