"""What each snapshot showed, kept so the next one can say what changed.

Every snapshot stores its numbers twice: inside the file it writes (the PPTX's document
properties, a JSON block in the HTML) and as a row of ``snapshot_history`` in the database it
read. The next snapshot compares itself with the one it is given, or else with the latest row
of the database's history. (This table is not the refresh history: that is another table.)
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import duckdb

from orghealth import sql
from orghealth.snapshot import model

HISTORY_TABLE = "snapshot_history"   # queries/snapshot/history_*.sql
PPTX_PART = "/customXml/orghealth-numbers.json"
CUSTOM_XML = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml")
HTML_ID = "orghealth-numbers"


def deck_numbers(results, as_of: dt.date, data_to: dt.date | None, db_hash: str,
                 verdict: str) -> dict:
    """The numbers a later snapshot compares with: each sign's value and status, the verdict."""
    return {
        "as_of": as_of.isoformat(),
        "data_to": data_to.isoformat() if data_to else None,
        "db_hash": db_hash,
        "verdict": verdict,
        "signs": {r.id: {"title": r.title, "status": r.status, "value": r.value,
                         "unit": r.unit} for r in results},
    }


def record(db_path: str | Path, numbers: dict) -> bool:
    """Add the snapshot's numbers to the database's history; False when the database cannot be
    written just now (open elsewhere, or read-only): the numbers are still inside the file."""
    try:
        con = duckdb.connect(str(db_path))
    except duckdb.Error:
        return False
    try:
        sql.execute_script(con, "snapshot/history_create")
        con.execute(sql.query_text("snapshot/history_add"),
                    {"as_of": numbers["as_of"], "data_to": numbers["data_to"],
                     "db_hash": numbers["db_hash"], "numbers": json.dumps(numbers)})
        return True
    except duckdb.Error:
        return False
    finally:
        con.close()


def last_recorded(con: duckdb.DuckDBPyConnection) -> dict | None:
    """The latest snapshot recorded in this database, or None."""
    try:
        rows = con.execute(sql.query_text("snapshot/history_last")).fetchall()
    except duckdb.Error:
        return None
    return json.loads(rows[0][0]) if rows else None


def from_file(path: str | Path) -> dict | None:
    """The numbers a snapshot file carries (PPTX or HTML), or None when it carries none."""
    path = Path(path)
    try:
        if path.suffix.lower() == ".pptx":
            from pptx import Presentation

            prs = Presentation(str(path))
            for rel in prs.part.rels.values():
                if not rel.is_external and str(rel.target_part.partname) == PPTX_PART:
                    return json.loads(rel.target_part.blob.decode("utf-8"))
            return None
        text = path.read_text(encoding="utf-8")
        m = re.search(rf'<script type="application/json" id="{HTML_ID}">(.*?)</script>', text,
                      re.S)
        return json.loads(m.group(1).replace("<\\/", "</")) if m else None
    except (OSError, ValueError, KeyError):
        return None


def attach_to_pptx(prs, numbers: dict) -> None:
    """Put the numbers inside the PPTX as a part of its own (PowerPoint leaves it alone)."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    part = Part(PackURI(PPTX_PART), "application/json", prs.part.package,
                json.dumps(numbers).encode("utf-8"))
    prs.part.relate_to(part, CUSTOM_XML)


def since_slide(before: dict | None, now: dict, fmt) -> model.Slide | None:
    """'Since the last snapshot': each sign whose status or value moved, and the verdict then
    and now. ``fmt(value, unit)`` formats a number as the deck does."""
    if not before:
        return None
    rows, words = [], {"red": "act now", "amber": "watch", "green": "healthy",
                       "insufficient_data": "not enough data"}
    for sid, cur in now["signs"].items():
        old = before.get("signs", {}).get(sid)
        if old is None:
            continue
        a, b = old.get("value"), cur.get("value")
        moved = (a is None) != (b is None) or (a is not None and b is not None
                                               and abs(b - a) > 1e-9)
        if old.get("status") == cur.get("status") and not moved:
            continue
        then = f"{fmt(a, cur['unit']) if a is not None else '–'} ({words.get(old['status'], old['status'])})"
        nowt = f"{fmt(b, cur['unit']) if b is not None else '–'} ({words.get(cur['status'], cur['status'])})"
        rows.append([cur["title"], then, nowt])
    when = dt.date.fromisoformat(before["as_of"])
    bullets = [f"Compared with the snapshot of {when.day} {when:%b %Y}"
               + (f" (data to {before['data_to']})" if before.get("data_to") else "") + "."]
    if not rows:
        bullets.append("No warning sign changed its figure or its colour.")
    if before.get("verdict") and before["verdict"] != now.get("verdict"):
        bullets.append(f"The case then: {before['verdict']}")
    return model.Slide(
        model.TABLE, "Since the last snapshot", bullets=bullets,
        table=model.Table(["Warning sign", "Last snapshot", "Now"], rows[:14],
                          widths=[6, 2.5, 2.5]) if rows else None,
        notes=(f"What changed since the snapshot of {when.day} {when:%b %Y}: "
               f"{len(rows)} warning sign{'s' if len(rows) != 1 else ''} moved."),
    )
