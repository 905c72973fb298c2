"""BambooHR custom report: an employee list, or job-information history with Effective Date."""

from orghealth.ingest.formats.base import HR_ROWS, Format, load_csv

FORMAT = Format(
    name="bamboohr",
    title="BambooHR report",
    **HR_ROWS,
    signature=("First Name", "Last Name", "Job Title", "Department", "Reports To"),
    optional=("Employee #", "Employee ID", "Work Email", "Email", "Division", "Location",
              "Hire Date", "Termination Date", "Effective Date"),
    staging="staging/stg_bamboohr",
    key="person_id || ' on ' || coalesce(strftime(effective_date, '%Y-%m-%d'), 'the report')",
    key_label="employee",
    date_order="mdy",
    loader=load_csv,
)
