"""Jira REST search results saved as JSON (``/search`` or ``/search/jql`` with expand=changelog).

Tickets and their history come from the same file. An issue already loaded from a Jira CSV
export is the same ticket: the two are merged (the CSV's values first) and the JSON row counts
as loaded.
"""

from __future__ import annotations

from pathlib import Path

from orghealth import sql
from orghealth.ingest.formats.base import FileResult, Format, finish_staged, read_json


def sniff(path: Path) -> bool:
    with open(path, encoding="utf-8-sig", errors="replace") as f:
        head = f.read(4096)
    return '"issues"' in head or ('"key"' in head and '"fields"' in head)


def load(ctx, fmt: Format, path: Path) -> FileResult:
    con = ctx.con
    read_json(con, "src_issues",
              "select row_number() over () as _rec, issue, names from ("
              "  select unnest(issues) as issue, names from read_json($p, "
              "  columns={'issues': 'JSON[]', 'names': 'JSON'}, format='auto', "
              "  maximum_object_size=$max))",
              path, "Jira search result", "save the whole response of the search as a .json file")
    ctx.use_date_order(fmt.date_order)
    con.execute("create or replace temp table staged as " + sql.query_text("staging/stg_jira_json"))
    tickets = finish_staged(ctx, fmt, path, "src_issues", [], None)
    # the history of every issue of the file: its own rows, loaded or rejected
    con.execute("create or replace temp table staged_events as "
                + sql.query_text("staging/stg_jira_json_events"))
    events = load_events(ctx, path)
    tickets.extra.append(events)
    return tickets


def load_events(ctx, path: Path) -> FileResult:
    con = ctx.con
    name = str(path)
    con.execute("create or replace temp table staged as "
                "select *, null::bigint as _dup_of from staged_events")
    total, bad = con.execute("select count(*), count(_reason) from staged").fetchall()[0]
    con.execute("insert into rejects select $f, null, _reason, _raw from staged "
                "where _reason is not null", {"f": name})
    ctx.resolve_people("staged", ("actor_id",), name, "ticket_events")
    con.execute('insert into ticket_events (ticket_id, "at", field, from_value, to_value, actor_id, '
                'source_file) select ticket_id, "at", field, from_value, to_value, actor_id, $f '
                "from staged where _reason is null", {"f": name})
    return FileResult(file=name, format="jira_json", table="ticket_events", rows_read=total,
                      rows_loaded=total - bad, rows_rejected=bad)


FORMAT = Format(
    name="jira_json",
    title="Jira search result (JSON)",
    table="tickets",
    signature=("issues",),
    key="ticket_id",
    key_label="issue key",
    refs=("reporter_id", "assignee_id"),
    merge_into_existing=True,
    order=31,
    kind="json",
    loader=load,
    sniff=sniff,
)
