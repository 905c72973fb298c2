"""Jira Data Center data pipeline: ``issue_history_*.csv`` → ticket history events.

UTC ISO times, CRLF line ends, empty cells for nulls. The pipeline names issues by their
numeric id, so these events are keyed by that id.
"""

from orghealth.formats.base import Format, load_csv

FORMAT = Format(
    name="jira_dc_history",
    title="Jira Data Center issue history",
    table="ticket_events",
    signature=("issue_id", "changelog_id", "created_date", "field", "from_string", "to_string"),
    optional=("author_id", "author_key", "field_type", "from", "to"),
    staging="staging/stg_jira_dc_history",
    refs=("actor_id",),
    order=32,
    loader=load_csv,
)
