"""Jira Data Center data pipeline: ``issue_history_*.csv`` → ticket history events.

UTC ISO times, CRLF line ends, empty cells for nulls. The pipeline names issues by their
numeric id; when a Jira CSV export of the same issues is loaded too, its ``Issue id`` and
``Issue key`` columns turn those ids into the keys the tickets carry.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from orghealth.ingest.formats.base import FileResult, Format, load_csv


def load(ctx, fmt: Format, path: Path) -> FileResult:
    result = load_csv(ctx, fmt, path)
    con = ctx.con
    files = [r[0] for r in con.execute(
        "select distinct file from seen_keys where format = 'jira_csv' order by file").fetchall()]
    con.execute("create or replace temp table jira_issue_keys (id varchar, key varchar)")
    for file in files:
        try:
            con.execute(
                "insert into jira_issue_keys select distinct trim(\"Issue id\"), trim(\"Issue key\") "
                "from read_csv($f, all_varchar=true, header=true, union_by_name=true) "
                "where \"Issue id\" is not null and \"Issue key\" is not null", {"f": file})
        except duckdb.Error:
            continue     # an export without the two columns simply names no keys
    matched = con.execute(
        "update ticket_events set ticket_id = k.key from jira_issue_keys k "
        "where ticket_events.source_file = $f and ticket_events.ticket_id = k.id",
        {"f": str(path)}).fetchall()[0][0]
    if matched:
        result.note = f"{matched:,} event(s) matched to issue keys through the Jira CSV export"
    return result


FORMAT = Format(
    name="jira_dc_history",
    title="Jira Data Center issue history",
    table="ticket_events",
    signature=("issue_id", "changelog_id", "created_date", "field", "from_string", "to_string"),
    optional=("author_id", "author_key", "field_type", "from", "to"),
    staging="staging/stg_jira_dc_history",
    refs=("actor_id",),
    order=32,
    loader=load,
)
