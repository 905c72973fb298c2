"""Harvest detailed time report."""

from orghealth.formats.base import Format, load_csv

FORMAT = Format(
    name="harvest",
    title="Harvest time report",
    table="time_entries",
    signature=("Date", "Client", "Project", "Task", "Hours", "First Name", "Last Name"),
    optional=("Project Code", "Notes", "Billable?", "Employee Id"),
    staging="staging/stg_harvest",
    refs=("person_id",),
    date_order="dmy",
    order=40,
    loader=load_csv,
)
