"""Generic org-chart CSV (OrgChart Now and similar): ``PersonID,SupervisorID,Name,...``."""

from orghealth.ingest.formats.base import HR_ROWS, Format, load_csv

FORMAT = Format(
    name="orgchart",
    title="Org-chart CSV",
    **HR_ROWS,
    signature=("PersonID", "SupervisorID", "Name"),
    optional=("Title", "Job Title", "Department", "Email", "Location", "Hire Date"),
    staging="staging/stg_orgchart",
    key="person_id",
    key_label="person",
    date_order="mdy",
    loader=load_csv,
)
