"""Rows dated after the day they are loaded: loaded as they are, and listed as warnings.

A time entry, a ticket or a won deal dated in the future did not happen yet, so the date is
most likely a typo (2099 for 2025) or a planned entry — neither is certain enough to refuse
the row. Each one becomes a warning with its file, line and what to do; the ingest summary and
``orghealth check`` show them. A reporting-line change dated ahead is usually planned: it
counts from its day on, and is listed too so a typo does not go unseen.
"""

from __future__ import annotations

from collections.abc import Callable

# per table: (which rows, what the warning says of one) over the staged columns
CHECKS = {
    "time_entries": [("date > $today", "'hours logged on ' || date")],
    "tickets": [
        ("created_at::date > $today", "'ticket ' || ticket_id || ' created on ' || created_at::date"),
        ("resolved_at::date > $today", "'ticket ' || ticket_id || ' resolved on ' || resolved_at::date"),
    ],
    "ticket_events": [('"at"::date > $today', "'a change to ticket ' || ticket_id || ' on ' || \"at\"::date")],
    # an open deal's close date is its expected one; only a deal marked won cannot be ahead
    "deals": [("is_won and closed_at > $today", "'deal ' || deal_id || ' won on ' || closed_at")],
    "hr_rows": [("effective_date > $today",
                 "'a change to the reporting line of ' || person_id || ' dated ' || effective_date")],
}
WHAT_TO_DO = {
    "hr_rows": "if it is planned it counts from that day on; if the date is a mistake, fix it "
               "in the export and load again",
}
DEFAULT_TODO = ("check the date: if it is a mistake, fix it in the export and load again; "
                "the row is loaded as it is")


def note_rows(con, table: str, file: str, today, map_lines: Callable[[], None]) -> int:
    """Warnings for the staged rows about to load that are dated after ``today``."""
    found = 0
    for condition, says in CHECKS.get(table, []):
        where = f"_reason is null and _dup_of is null and ({condition})"
        n = con.execute(f"select count(*) from staged where {where}",  # noqa: S608 (fixed SQL)
                        {"today": today}).fetchall()[0][0]
        if not n:
            continue
        map_lines()
        con.execute(
            "insert into load_warnings select $file, m.line, 'future_date', "  # noqa: S608 (fixed SQL)
            f"{says} || ', after the day it was loaded (' || $today::varchar || '); ' || $todo "
            f"from staged left join line_map m on m.rec = staged._rec where {where} "
            "order by staged._rec",
            {"file": file, "today": today, "todo": WHAT_TO_DO.get(table, DEFAULT_TODO)})
        found += n
    return found
