"""``orghealth check``: what a database was built from and what is wrong with the data.

Row accounting per file, rejected rows grouped by reason (with examples), people without a
function, reporting-line problems (cycles, unknown managers, self-managers), names in exports
that match nobody, and the dates each table covers.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import duckdb

from orghealth import db, sql

EXAMPLES_PER_REASON = 3

# quoted cell values and line numbers vary; the rest of a reason is what groups rejects
REASON_PATTERN = r"'[^']*'|line [0-9]+|[A-Z]+-[0-9]+"

DATE_COLUMNS = [
    ("people", "valid_from"), ("tickets", "created_at"), ("ticket_events", "at"),
    ("time_entries", "date"), ("deals", "closed_at"), ("projects", "started_at"),
]


def _records(con: duckdb.DuckDBPyConnection, query: str, params: dict | None = None) -> list[dict]:
    cur = con.cursor()
    try:
        result = cur.execute(query, params or {})
        names = [d[0] for d in result.description]
        return [dict(zip(names, (_plain(v) for v in row), strict=True)) for row in result.fetchall()]
    finally:
        cur.close()


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def check_report(con: duckdb.DuckDBPyConnection) -> dict:
    """Everything ``check`` shows, as JSON-able data."""
    files = _records(con, """
        select file, format, target_table as "table", rows_read, rows_loaded, rows_rejected, note,
               rows_read = rows_loaded + rows_rejected as balanced
        from ingest_log order by loaded_at, file, target_table
    """)
    totals = {k: sum(f[k] for f in files) for k in ("rows_read", "rows_loaded", "rows_rejected")}
    reasons = _records(con, """
        with r as (select *, regexp_replace(reason, $pat, '…', 'g') as kind from rejects)
        select kind as reason, count(*) as count,
               list({'file': file, 'line': line, 'reason': reason, 'raw': raw} order by file, line)
                   [1:$n] as examples
        from r group by kind order by count desc, kind
    """, {"pat": REASON_PATTERN, "n": EXAMPLES_PER_REASON})
    no_function = _records(con, """
        select person_id, any_value(name) as name, any_value(department) as department,
               any_value(title) as title
        from people
        where (function is null or function_source = 'no rule matched') and valid_to is null
        group by person_id order by person_id
    """)
    problems = sql.run(con, "org/org_problems").to_dicts()
    names = dict(con.execute("select person_id, any_value(name order by valid_from desc) "
                             "from people group by person_id").fetchall())
    for p in problems:
        for k in ("first_seen", "last_seen"):
            p[k] = _plain(p[k])
        p["names"] = [names.get(m) or m for m in p["people"]]
    # older databases have no warnings table
    has_warnings = con.execute("select count(*) from duckdb_tables() "
                               "where table_name = 'load_warnings'").fetchall()[0][0]
    warnings = _records(con, "select file, line, kind, message from load_warnings "
                             "order by kind, file, line") if has_warnings else []
    has_set_aside = con.execute("select count(*) from duckdb_tables() "
                                "where table_name = 'files_set_aside'").fetchall()[0][0]
    set_aside = _records(con, "select file, reason, hint from files_set_aside "
                              "order by file") if has_set_aside else []
    unmatched = _records(con, """
        select file, target_table as "table", field, value, rows, reason
        from unmatched_refs order by target_table, field, rows desc, value
    """)
    coverage = []
    for table, column in DATE_COLUMNS:
        coverage += _records(con, f"""
            select '{table}' as "table", '{column}' as "column", count(*) as rows,
                   min("{column}")::date as first, max("{column}")::date as last,
                   count(*) filter (where "{column}" is null) as rows_without_date
            from {table}
        """)  # noqa: S608 (fixed table and column names)
    info = dict(con.execute("select key, value from build_info").fetchall())
    return {
        "database": info,
        "files": files,
        "files_set_aside": set_aside,
        "totals": totals,
        "balanced": all(f["balanced"] for f in files),
        "rejects": {"total": totals["rows_rejected"], "by_reason": reasons},
        "people_without_function": no_function,
        "reporting_lines": {
            "cycles": [p for p in problems if p["kind"] == "cycle"],
            "orphans": [p for p in problems if p["kind"] == "orphan"],
            "self_managers": [p for p in problems if p["kind"] == "self_manager"],
        },
        "unmatched_people": unmatched,
        "date_coverage": coverage,
        "warnings": warnings,
    }


def report_text(report: dict) -> str:
    out = []
    info = report["database"]
    out.append(f"Built {info.get('built_at', '?')}; data from {info.get('data_start')} "
               f"to {info.get('data_end')}; rules: {info.get('rules', 'built-in defaults')}")
    out.append("")
    out.append("Files")
    for f in report["files"]:
        mark = "" if f["balanced"] else "  ← rows do not add up"
        out.append(f"  {f['file']}\n    {f['format']} → {f['table']}: {f['rows_read']:,} read, "
                   f"{f['rows_loaded']:,} loaded, {f['rows_rejected']:,} rejected"
                   + (f" ({f['note']})" if f["note"] else "") + mark)
    t = report["totals"]
    out.append(f"  Total: {t['rows_read']:,} read = {t['rows_loaded']:,} loaded + "
               f"{t['rows_rejected']:,} rejected")
    set_aside = report.get("files_set_aside", [])
    if set_aside:
        out.append("")
        out.append(f"Files set aside, not loaded: {len(set_aside)} (the rest loaded without them)")
        for s in set_aside:
            out.append(f"  {s['file']}: {s['reason']}")
            if s["hint"]:
                out.append(f"    What to do: {s['hint']}")
    out.append("")
    by_reason = report["rejects"]["by_reason"]
    out.append(f"Rejected rows: {report['rejects']['total']:,}")
    for r in by_reason:
        out.append(f"  {r['count']:,} × {r['reason']}")
        for ex in r["examples"]:
            where = f"{ex['file']}" + (f", line {ex['line']}" if ex["line"] is not None else "")
            out.append(f"      {where}: {ex['reason']}")
    out.append("")
    lines = report["reporting_lines"]
    out.append(f"Reporting lines: {len(lines['cycles'])} cycle(s), {len(lines['orphans'])} "
               f"unknown manager(s), {len(lines['self_managers'])} self-manager(s)")
    for p in lines["cycles"] + lines["orphans"] + lines["self_managers"]:
        who = ", ".join(p.get("names") or []) if p["kind"] == "cycle" else p["name"] or p["person_id"]
        when = ("in the current reporting lines" if p["first_seen"] is None
                else f"since {p['first_seen']}" if p["last_seen"] is None
                else f"{p['first_seen']} to {p['last_seen']}")
        out.append(f"  {who}: {p['detail']} ({when})")
    out.append("")
    warnings = report.get("warnings", [])
    out.append(f"Rows loaded with a warning (worth a look): {len(warnings)}")
    for w in warnings:
        at = f", line {w['line']}" if w["line"] is not None else ""
        out.append(f"  {w['file']}{at}: {w['message']}")
    out.append("")
    nf = report["people_without_function"]
    out.append(f"People whose function the rules could not tell: {len(nf)}")
    for p in nf[:20]:
        out.append(f"  {p['name'] or p['person_id']}: title '{p['title'] or '(none)'}', "
                   f"department '{p['department'] or '(none)'}' (add a rule in orghealth.toml)")
    if len(nf) > 20:
        out.append(f"  ... and {len(nf) - 20} more (see --json)")
    out.append("")
    um = report["unmatched_people"]
    out.append(f"Names in exports that match no one in the HR data: {len(um)}")
    for u in um[:20]:
        out.append(f"  '{u['value']}' ({u['table']}.{u['field']}, {u['rows']:,} rows): {u['reason']}")
    if len(um) > 20:
        out.append(f"  ... and {len(um) - 20} more (see --json)")
    out.append("")
    out.append("Dates covered")
    for c in report["date_coverage"]:
        if c["rows"]:
            out.append(f"  {c['table']}.{c['column']}: {c['first']} to {c['last']} "
                       f"({c['rows']:,} rows" + (f", {c['rows_without_date']:,} without a date"
                                                 if c["rows_without_date"] else "") + ")")
        else:
            out.append(f"  {c['table']}: no rows")
    return "\n".join(out)


def cli_check(args) -> int:
    con = db.connect_readonly(args.db)
    try:
        report = check_report(con)
    finally:
        con.close()
    if args.json:
        print(json.dumps(report, indent=2, default=str))
    else:
        print(report_text(report))
    return 0
