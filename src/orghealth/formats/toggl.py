"""Toggl Track detailed report (UTF-8 with BOM; durations as hh:mm:ss)."""

from orghealth.formats.base import Format, load_csv

FORMAT = Format(
    name="toggl",
    title="Toggl Track detailed report",
    table="time_entries",
    signature=("User", "Email", "Project", "Start date", "Duration"),
    optional=("Client", "Task", "Description", "Billable", "Tags"),
    staging="staging/stg_toggl",
    refs=("person_id",),
    date_order="mdy",
    order=40,
    loader=load_csv,
)
