"""Spreadsheets (.xlsx, .xlsm, .xlsb, .xls, .ods) read as CSV text, one sheet at a time.

BambooHR, Workday, HiBob, Salesforce reports and Jira's "Export Excel" give a spreadsheet
first. calamine reads every one of those formats; each sheet that holds cells is written as a
UTF-8 CSV copy, so it goes through exactly the same detection, staging and row accounting as
a CSV export. Line numbers are the sheet's own row numbers (row 1 is the sheet's first row),
because a person opens the sheet, not the copy.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from orghealth.errors import InputError

SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}


@dataclass
class SheetCopy:
    name: str           # the sheet's name as the workbook shows it
    display: str        # how the file is named in the log, rejects and messages
    path: Path          # the CSV copy
    first_row: int      # the sheet row of the copy's first line (its header)
    title_rows: int     # rows above the header (a report's title, filters) left out


def is_spreadsheet(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def sheet_label(path: Path, sheet: str) -> str:
    return f'{path} (sheet "{sheet}")'


def cell_text(value) -> str:
    """A cell as an export would have written it: whole numbers without '.0', dates in ISO,
    durations as hh:mm:ss (hours may pass 24). Line breaks inside a cell become spaces, so
    that one sheet row is one line of the copy and keeps its row number."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="seconds")
    if isinstance(value, timedelta):
        seconds = round(value.total_seconds())
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return " ".join(str(value).splitlines()) if isinstance(value, str) else str(value)


def copy_sheets(path: Path, folder: Path) -> tuple[list[SheetCopy], list[str]]:
    """Each sheet of ``path`` that holds cells, as a CSV copy in ``folder``; and the names of
    the sheets left out because they are empty."""
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for every kind of damage
        raise InputError(f"this spreadsheet cannot be opened ({_first_line(exc)})", file=path,
                         hint="open it in a spreadsheet program and save it again as .xlsx, "
                              "or export the data as CSV") from exc
    copies: list[SheetCopy] = []
    empty: list[str] = []
    try:
        for i, name in enumerate(book.sheet_names):
            try:
                sheet = book.get_sheet_by_name(name)
                rows = sheet.to_python()
            except Exception as exc:
                raise InputError(f'the sheet "{name}" cannot be read ({_first_line(exc)})',
                                 file=path, hint="save the workbook again, or export the sheet "
                                                 "as CSV") from exc
            texts = [[cell_text(v) for v in row] for row in rows]
            while texts and not any(texts[-1]):
                texts.pop()
            if not texts:
                empty.append(name)
                continue
            above = header_index(texts)
            texts = texts[above:]
            width = max((j + 1 for row in texts for j, v in enumerate(row) if v), default=0)
            copy = folder / f"{i + 1}-{path.stem}.csv"
            with open(copy, "w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out, lineterminator="\n")
                writer.writerows(row[:width] for row in texts)
            start = sheet.start[0] if sheet.start else 0
            copies.append(SheetCopy(name, sheet_label(path, name), copy, start + above + 1,
                                    above))
    finally:
        book.close()
    return copies, empty


def header_index(rows: list[list[str]], look: int = 30) -> int:
    """Where the header is: a formatted report (Salesforce, BambooHR, Workday) puts its title
    and filters in the first rows, each in one or two cells; the header is the first row
    nearly as wide as the widest of the rows near the top."""
    widths = [sum(1 for v in row if v) for row in rows[:look]]
    widest = max(widths, default=0)
    for i, w in enumerate(widths):
        if w >= max(2, math.ceil(0.6 * widest)):
            return i
    return 0


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
