"""Salesforce opportunity report (every value quoted; footer lines after the data).

The lines a report ends with — ``Grand Totals (N records)``, ``Confidential Information - Do
Not Distribute``, a copyright line — are not data: they are neither loaded nor rejected, and
the log says how many there were and whether the report's own record count agrees.
"""

from __future__ import annotations

import csv
import re
from functools import partial
from pathlib import Path

from orghealth.ingest import csvfile
from orghealth.ingest.formats.base import DEALS, FileResult, Format, finish_staged, stage

FOOTER = re.compile(
    r"^(grand totals \((?P<n>[\d,.]+) records?\)|confidential information\b.*|copyright\b.*"
    r"|\(c\) .*salesforce.*|total\b.*)$", re.IGNORECASE)


def _footer_text(raw_line: str) -> str:
    first = next(iter(csv.reader([raw_line.strip()])), [""])
    return (first[0] if first else "").strip()


def load(ctx, fmt: Format, path: Path) -> FileResult:
    con = ctx.con
    header = csvfile.read_header(path)
    raw = csvfile.load_raw(con, path, header, "raw_rows")
    footers = [_footer_text(text) for _, _, text in raw.structural
               if FOOTER.match(_footer_text(text))]
    structural = [s for s in raw.structural if not FOOTER.match(_footer_text(s[2]))]
    # a Grand Totals line as wide as the data is a footer too
    first = '"' + header.columns[0].replace('"', '""') + '"'
    wide = [r[0] for r in con.execute(
        f"select {first} from raw_rows where regexp_matches(trim({first}), $p, 'i')",  # noqa: S608
        {"p": r"^grand totals \([\d,.]+ records?\)$"}).fetchall()]
    if wide:
        con.execute(f"delete from raw_rows where regexp_matches(trim({first}), $p, 'i')",  # noqa: S608
                    {"p": r"^grand totals \([\d,.]+ records?\)$"})
    footers = wide + footers
    stage(ctx, fmt, "raw_rows", header.columns)
    result = finish_staged(ctx, fmt, path, "raw_rows", structural,
                           partial(csvfile.line_map_table, con, path, raw, "line_map"))
    if footers:
        result.note = footer_note(footers, result.rows_read)
    return result


def footer_note(footers: list[str], rows_read: int) -> str:
    note = (f"{len(footers)} footer line(s) after the data are not rows and were skipped "
            f"({'; '.join(footers)})")
    for text in footers:
        m = FOOTER.match(text)
        if m and m.group("n"):
            said = int(re.sub(r"[,.]", "", m.group("n")))
            note += ("; the report's own count agrees" if said == rows_read else
                     f"; the report says {said} records but {rows_read} were read — "
                     "the export may be cut off")
    return note


FORMAT = Format(
    name="salesforce",
    title="Salesforce opportunity report",
    **DEALS,
    signature=("Opportunity Owner", "Account Name", "Opportunity Name", "Stage", "Close Date"),
    optional=("Opportunity ID", "Amount", "Amount Currency", "Opportunity Currency",
              "Created Date", "Probability (%)", "Type", "Fiscal Period", "Next Step", "Lead Source"),
    staging="staging/stg_salesforce",
    key_label="opportunity",
    date_order="mdy",
    loader=load,
)
