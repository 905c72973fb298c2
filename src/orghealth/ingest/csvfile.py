"""Reading one CSV export into a raw table of text columns, with structural errors kept.

DuckDB parses the file; Python only reads the header line (to name repeated columns the way
every file of one export is named, whatever its width) and, for files that have rejects, maps
record numbers to physical line numbers so a reject points at the line a person can open.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from orghealth.errors import InputError

DELIMITERS = (",", ";", "\t", "|")


@dataclass
class CsvHeader:
    names: list[str]        # as read, BOM stripped
    columns: list[str]      # unique names: Labels, Labels_1, Labels_2 ...
    delimiter: str


def read_header(path: Path) -> CsvHeader:
    """The first record of a CSV file, and its delimiter (the most frequent candidate)."""
    try:
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
            head = f.read(256 * 1024)
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", file=path) from exc
    first_line = head.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    try:
        # newline=None: files that end lines with a bare CR (old Mac) have a header too
        names = next(csv.reader(io.StringIO(head, newline=None), delimiter=delimiter))
    except (StopIteration, csv.Error):
        names = []
    names = [n.strip() for n in names]
    return CsvHeader(names=names, columns=unique_names(names), delimiter=delimiter)


def unique_names(names: list[str]) -> list[str]:
    """Repeated headers get _1, _2 ... suffixes, as DuckDB names them; blanks get column<N>."""
    seen: dict[str, int] = {}
    out = []
    for i, raw in enumerate(names):
        base = raw or f"column{i}"
        n = seen.get(base.lower(), 0)
        seen[base.lower()] = n + 1
        out.append(base if n == 0 else f"{base}_{n}")
    return out


@dataclass
class RawCsv:
    table: str              # raw rows, in file order; rowid + 1 = kept-record number
    rows_kept: int
    structural: list[tuple[int, str, str]]   # (record number, error type, raw line text)


def load_raw(con: duckdb.DuckDBPyConnection, path: Path, header: CsvHeader, table: str) -> RawCsv:
    """Every data record of ``path`` as text columns; malformed records set aside, not fatal."""
    columns = {c: "VARCHAR" for c in header.columns}
    rej, scan = f"{table}_rej", f"{table}_scan"
    con.execute(f"drop table if exists {table}")
    try:
        con.execute(
            f"create temp table {table} as select * from read_csv($path, columns=$columns, "  # noqa: S608 (internal table and column names only)
            "auto_detect=false, header=true, delim=$delim, quote='\"', escape='\"', "
            "null_padding=false, store_rejects=true, "
            f"rejects_table='{rej}', rejects_scan='{scan}', max_line_size=10000000)",
            {"path": str(path), "columns": columns, "delim": header.delimiter},
        )
    except duckdb.Error as exc:
        raise InputError(
            f"could not be read as a CSV file ({str(exc).splitlines()[0]})",
            file=path,
            hint="check that this is the export itself (UTF-8 text), not a spreadsheet or a zip",
        ) from exc
    structural = con.execute(
        f"select line, any_value(error_type order by column_idx), any_value(csv_line) "  # noqa: S608 (internal table and column names only)
        f"from {rej} group by line order by line"
    ).fetchall()
    con.execute(f"drop table if exists {rej}; drop table if exists {scan}")
    kept = con.execute(f"select count(*) from {table}").fetchall()[0][0]  # noqa: S608 (internal table and column names only)
    return RawCsv(table=table, rows_kept=kept, structural=[(int(a), b, c) for a, b, c in structural])


def record_start_lines(path: Path) -> list[int]:
    """Physical line number where each record starts (index 0 = the header).

    A record continues onto the next line while a quoted cell is open; blank lines outside
    quotes are not records (DuckDB skips them too).
    """
    starts: list[int] = []
    inside = False
    with open(path, "rb") as f:
        for number, line in enumerate(f, 1):
            if not inside and line.strip(b"\r\n\xef\xbb\xbf") != b"":
                starts.append(number)
            if line.count(b'"') & 1:
                inside = not inside
    return starts


def line_map_table(
    con: duckdb.DuckDBPyConnection, path: Path, raw: RawCsv, name: str
) -> None:
    """A table (rec, line): kept-record number → physical line, and the structural rejects' lines."""
    starts = record_start_lines(path)
    rejected = {r[0] for r in raw.structural}   # DuckDB counts the header as record 1
    kept_lines = []
    for ordinal in range(2, len(starts) + 1):
        if ordinal not in rejected:
            kept_lines.append(starts[ordinal - 1])
    kept_lines = kept_lines[: raw.rows_kept]
    # handed to DuckDB as a one-column CSV; lines rise with records, so their order numbers them
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as tmp:
        tmp.write("line\n")
        tmp.write("\n".join(map(str, kept_lines)))
        tmp.write("\n")
    try:
        con.execute(
            f"create or replace temp table {name} as "  # noqa: S608 (internal table name)
            "select row_number() over (order by line) as rec, line from read_csv($p, header=true, "
            "columns={'line': 'BIGINT'}, auto_detect=false)",
            {"p": tmp.name},
        )
    finally:
        os.unlink(tmp.name)


def structural_line(starts: list[int], ordinal: int) -> int:
    return starts[ordinal - 1] if 0 < ordinal <= len(starts) else ordinal


STRUCTURAL_REASONS = {
    "TOO MANY COLUMNS": "this line has more cells than the header; a cell with a delimiter "
                        "inside needs quotes — fix the line or re-export the file",
    "MISSING COLUMNS": "this line has fewer cells than the header (the file may be cut off); "
                       "re-export the file or complete the line",
    "UNQUOTED VALUE": "a quoted cell is never closed (the file may be cut off); re-export the file",
    "INVALID UNICODE": "this line is not valid UTF-8 text; save the file as UTF-8 and load it again",
    "LINE SIZE OVER MAXIMUM": "this line is too long to be a record; re-export the file",
}


def structural_reason(error_type: str) -> str:
    return STRUCTURAL_REASONS.get(
        error_type, f"this line cannot be read as CSV ({error_type.lower()}); re-export the file"
    )
