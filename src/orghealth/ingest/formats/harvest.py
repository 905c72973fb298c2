"""Harvest detailed time report."""

from orghealth.ingest.formats.base import TIME_ENTRIES, Format, load_csv

FORMAT = Format(
    name="harvest",
    title="Harvest time report",
    **TIME_ENTRIES,
    signature=("Date", "Client", "Project", "Task", "Hours", "First Name", "Last Name"),
    optional=("Project Code", "Notes", "Billable?", "Employee Id"),
    staging="staging/stg_harvest",
    date_order="dmy",
    loader=load_csv,
)
