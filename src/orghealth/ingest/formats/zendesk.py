"""Zendesk tickets: the legacy CSV export and the JSON export (a ``tickets`` array).

Tags are one space-separated cell in the CSV and an array in the JSON; custom fields come as
``Name [list]`` columns in the CSV.
"""

from __future__ import annotations

from pathlib import Path

from orghealth import sql
from orghealth.ingest.formats.base import (
    TICKETS,
    FileResult,
    Format,
    add_missing_columns,
    finish_staged,
    load_csv,
    read_json,
)

# JSON ticket keys → the CSV's column names, so one staging query reads both
JSON_FIELDS = {
    "Id": "id", "Subject": "subject", "Status": "status", "Priority": "priority",
    "Ticket type": "type", "Created at": "created_at", "Updated at": "updated_at",
    "Due date": "due_at", "Requester": "requester_id", "Assignee": "assignee_id",
    "Group": "group_id", "Organization": "organization_id", "Via": "via",
}


def sniff(path: Path) -> bool:
    with open(path, encoding="utf-8-sig", errors="replace") as f:
        head = f.read(4096)
    return '"tickets"' in head and '"issues"' not in head


def load_json(ctx, fmt: Format, path: Path) -> FileResult:
    con = ctx.con
    read_json(con, "zd_file",
              "select * from read_json($p, columns={'tickets': 'JSON[]', 'users': 'JSON[]'}, "
              "format='auto', maximum_object_size=$max)",
              path, "Zendesk tickets export", "save the whole export as a .json file")
    con.execute("create or replace temp table zd_tickets as select unnest(tickets) as t from zd_file")
    # an export with users side-loaded names people by email instead of a bare user id
    con.execute("create or replace temp table zd_users as select distinct u ->> 'id' as id, "
                "coalesce(u ->> 'email', u ->> 'name') as who from "
                "(select unnest(coalesce(users, []::json[])) as u from zd_file)")
    cols = ", ".join(
        f"coalesce((select who from zd_users where id = t ->> $k{i}), t ->> $k{i}) as \"{name}\""  # noqa: S608
        if name in ("Requester", "Assignee") else f"t ->> $k{i} as \"{name}\""
        for i, name in enumerate(JSON_FIELDS))
    params = {f"k{i}": key for i, key in enumerate(JSON_FIELDS.values())}
    con.execute(
        f"create or replace temp table raw_rows as select {cols}, "  # noqa: S608 (fixed names)
        "array_to_string(from_json(coalesce(t -> 'tags', '[]'), '[\"VARCHAR\"]'), ' ') as \"Tags\", "
        "null::varchar as \"Summation column\", null::varchar as \"Solved at\", "
        "t::varchar as _json from zd_tickets", params)
    # custom fields the CSV names "Name [list]" are ids here; they are kept in the raw row
    add_missing_columns(con, "raw_rows", fmt.optional,
                        [*JSON_FIELDS, "Tags", "Summation column", "Solved at"])
    con.execute("create or replace temp view src as select oh_rec(rowid) as _rec, * exclude (_json) "
                "from raw_rows")
    ctx.use_date_order(fmt.date_order)
    con.execute(f"create or replace temp table staged as {sql.query_text(fmt.staging)}")
    for name, key in JSON_FIELDS.items():    # reasons name the JSON's own keys
        con.execute("update staged set _reason = $key || substr(_reason, length($name) + 1) "
                    "where starts_with(_reason, $name || ':') or starts_with(_reason, $name || ' is')",
                    {"name": name, "key": key})
    return finish_staged(ctx, fmt, path, "raw_rows", [], None)


COMMON = dict(TICKETS, staging="staging/stg_zendesk", key_label="ticket id")

FORMATS = [
    Format(
        name="zendesk", title="Zendesk tickets export (CSV)",
        signature=("Id", "Requester", "Assignee", "Group", "Subject", "Tags", "Status",
                   "Created at"),
        optional=("Summation column", "Priority", "Ticket type", "Updated at", "Due date",
                  "Organization", "Solved at", "Via", "Root Cause Team [list]",
                  "Blamed Team [list]", "Team [list]", "Account [list]"),
        loader=load_csv, **COMMON),
    Format(
        name="zendesk_json", title="Zendesk tickets export (JSON)", signature=("tickets",),
        optional=("Root Cause Team [list]", "Blamed Team [list]", "Team [list]", "Account [list]"),
        kind="json", loader=load_json, sniff=sniff, **COMMON),
]
