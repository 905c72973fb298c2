"""Jira Cloud / Data Center CSV ("Export Excel CSV, all fields")."""

from orghealth.ingest.formats.base import TICKETS, Format, load_csv

FORMAT = Format(
    name="jira_csv",
    title="Jira CSV export",
    **TICKETS,
    signature=("Issue key", "Summary", "Issue Type", "Created"),
    optional=(
        "Project key", "Updated", "Resolved", "Due date", "Status", "Status Category",
        "Resolution", "Priority", "Reporter", "Assignee", "Labels", "Sprint", "Components",
        "Component/s", "Custom field (Team)", "Custom field (Customer)",
        "Custom field (Account)", "Custom field (Organizations)",
        "Custom field (Root Cause Team)", "Custom field (Blamed Team)", "Custom field (RCA Owner)",
        "_no_links",   # keeps the issue-link list well-formed when a file has no link columns
    ),
    staging="staging/stg_jira_csv",
    key_label="issue key",
    date_order="dmy",
    loader=load_csv,
)
