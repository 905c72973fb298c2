"""What ingesting one file gives: exit code, rows read / loaded / rejected, and the reasons."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import duckdb

from orghealth.cli import main


def ingest_outcome(path: Path, db: Path) -> dict:
    """Run ``orghealth ingest FILE --db DB`` in this process; a traceback is left to raise."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["ingest", str(path), "--db", str(db)])
    out = {"exit": code, "message": err.getvalue()}
    if code != 0:
        return out
    con = duckdb.connect(str(db), read_only=True)
    try:
        read, loaded, rejected = con.execute(
            "select sum(rows_read)::bigint, sum(rows_loaded)::bigint, sum(rows_rejected)::bigint "
            "from ingest_log").fetchone()
        reasons = [r for (r,) in con.execute("select reason from rejects order by line").fetchall()]
    finally:
        con.close()
    out.update(read=read, loaded=loaded, rejected=rejected, reasons=reasons)
    return out
