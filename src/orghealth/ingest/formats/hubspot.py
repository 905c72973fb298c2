"""HubSpot deals export (BOM, CRLF; custom deal properties as extra columns)."""

from orghealth.ingest.formats.base import DEALS, Format, load_csv

FORMAT = Format(
    name="hubspot",
    title="HubSpot deals export",
    **DEALS,
    signature=("Record ID", "Deal Name", "Deal Stage", "Close Date", "Deal owner"),
    optional=("Amount", "Create Date", "Currency", "Associated Company", "Company name",
              "Associated Company (Primary)", "Promised Go-Live Date", "Scope Changed At Close",
              "Delivery Consulted", "Estimated Hours"),
    staging="staging/stg_hubspot",
    key_label="deal",
    date_order="mdy",
    loader=load_csv,
)
