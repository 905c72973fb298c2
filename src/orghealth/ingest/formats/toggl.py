"""Toggl Track detailed report (UTF-8 with BOM; durations as hh:mm:ss)."""

from orghealth.ingest.formats.base import TIME_ENTRIES, Format, load_csv

FORMAT = Format(
    name="toggl",
    title="Toggl Track detailed report",
    **TIME_ENTRIES,
    signature=("User", "Email", "Project", "Start date", "Duration"),
    optional=("Client", "Task", "Description", "Billable", "Tags"),
    staging="staging/stg_toggl",
    date_order="mdy",
    loader=load_csv,
)
