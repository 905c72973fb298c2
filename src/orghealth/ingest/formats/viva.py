"""Viva Insights organizational data: one row per person per monthly EffectiveDate snapshot."""

from orghealth.ingest.formats.base import HR_ROWS, Format, load_csv

FORMAT = Format(
    name="viva",
    title="Viva Insights organizational data",
    **HR_ROWS,
    signature=("PersonId", "ManagerId", "Organization", "EffectiveDate"),
    optional=("LevelDesignation", "FunctionType", "HireDate", "Location"),
    staging="staging/stg_viva",
    key="person_id || ' on ' || strftime(effective_date, '%Y-%m-%d')",
    key_label="person",
    date_order="mdy",
    date_order_fixed=True,             # documented as M/D/YYYY
    loader=load_csv,
)
