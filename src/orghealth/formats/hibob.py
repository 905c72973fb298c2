"""HiBob people export (``id, displayName, email, work.reportsTo, work.department, work.startDate``)."""

from orghealth.formats.base import HR_ROWS, Format, load_csv

FORMAT = Format(
    name="hibob",
    title="HiBob people export",
    **HR_ROWS,
    signature=("id", "displayName", "work.reportsTo", "work.department"),
    optional=("email", "firstName", "surname", "work.title", "work.division", "work.site",
              "work.startDate", "internal.terminationDate"),
    staging="staging/stg_hibob",
    key="person_id",
    key_label="employee",
    date_order="dmy",
    loader=load_csv,
)
