"""ServiceNow incident list export (every value quoted; field names as headers)."""

from orghealth.ingest.formats.base import TICKETS, Format, load_csv

FORMAT = Format(
    name="servicenow",
    title="ServiceNow incident list",
    **TICKETS,
    signature=("number", "opened_at", "short_description", "priority", "state"),
    optional=("caller_id", "category", "subcategory", "assignment_group", "assigned_to",
              "sys_updated_on", "sys_updated_by", "resolved_at", "closed_at", "due_date",
              "company", "u_account", "account", "close_code", "contact_type", "u_root_cause_team",
              "u_blamed_team", "sys_tags", "parent_incident", "problem_id", "opened_by"),
    staging="staging/stg_servicenow",
    key_label="incident number",
    date_order="mdy",        # a user-format date (02-13-2025) follows the user's locale
    loader=load_csv,
)
