"""How a file writes its dates: day-first or month-first, decided from whole columns.

``03/04/2025`` alone cannot say whether it is March or April. A column that also holds
``13/04/2025`` can: a first number above 12 is a day. Every column of numeric dates in a file
is looked at (by one DuckDB query); when none of them can decide and the tool does not always
write one order, the user is asked to choose with ``--date-order``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from orghealth.errors import InputError

# d/m/y or m/d/y with / or -, two- or four-digit year, optionally followed by a time
NUMERIC_DATE = r"^\s*([0-9]{1,2})[/-]([0-9]{1,2})[/-]([0-9]{4}|[0-9]{2})([ T].*)?$"
ORDER_WORDS = {"dmy": "day first", "mdy": "month first"}
FLAG_HINT = ("run again with --date-order dmy (03/04/2025 is 3 April 2025) "
             "or --date-order mdy (03/04/2025 is 4 March 2025)")

# timestamps with an offset (+01:00, +0100, Z) → UTC; anything else falls back to oh_ts
WHEN_MACRO = r"""
create or replace temp macro oh_when(x) as coalesce(
    timezone('UTC', try_strptime(regexp_replace(oh_text(x), 'Z$', '+0000'),
        ['%Y-%m-%dT%H:%M:%S.%g%z', '%Y-%m-%dT%H:%M:%S%z', '%Y-%m-%d %H:%M:%S %z',
         '%Y-%m-%d %H:%M:%S%z', '%Y-%m-%d %H:%M %z', '%Y-%m-%dT%H:%M%z'])),
    oh_ts(x));
create or replace temp macro oh_bad_when(x, label, example) as
    case when oh_text(x) is not null and oh_when(x) is null then
        label || ': ''' || x || ''' is not a date like ' || example
        || '; fix the cell or re-export the file' end;
"""


@dataclass
class ColumnDates:
    column: str
    values: int             # cells that look like 03/04/2025
    day_first: int          # cells whose first number is above 12
    month_first: int        # cells whose second number is above 12
    example: str | None     # a cell that shows the column's shape

    @property
    def order(self) -> str | None:
        if self.day_first and not self.month_first:
            return "dmy"
        if self.month_first and not self.day_first:
            return "mdy"
        return None


@dataclass
class DateDecision:
    order: str
    reason: str
    columns: list[ColumnDates] = field(default_factory=list)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def used_columns(staging: str | None) -> set[str] | None:
    """The columns a staging query reads (lower-cased); None when every column counts."""
    if not staging:
        return None
    from orghealth import sql

    return {c.lower() for c in re.findall(r'"([^"]+)"', sql.query_text(staging))}


def scan_columns(con: duckdb.DuckDBPyConnection, view: str,
                 only: set[str] | None = None) -> list[ColumnDates]:
    """Columns of ``view`` whose cells are mostly numeric dates, with their evidence.

    ``only``: the columns that are loaded; a date column nobody reads cannot stop a load.
    """
    names = [r[0] for r in con.execute(f"describe {view}").fetchall()  # noqa: S608 (internal view)
             if not r[0].startswith("_") and r[1] == "VARCHAR"
             and (only is None or r[0].lower() in only)]
    if not names:
        return []
    # a first look at a few hundred rows picks the columns worth a full pass
    sample = ", ".join(f"bool_or(regexp_matches({_q(n)}, $pat))" for n in names)
    seen = con.execute(f"select {sample} from (select * from {view} limit 500)",  # noqa: S608
                       {"pat": NUMERIC_DATE}).fetchall()[0]
    names = [n for n, hit in zip(names, seen, strict=True) if hit]
    if not names:
        return []
    parts = []
    for i, name in enumerate(names):
        q = _q(name)
        first = f"try_cast(regexp_extract({q}, $pat, 1) as integer)"
        second = f"try_cast(regexp_extract({q}, $pat, 2) as integer)"
        year = f"regexp_extract({q}, $pat, 3)"
        # only a real calendar date counts as evidence (31/02 proves nothing; it is rejected later)
        real = ("try_strptime(concat({d}, '-', {m}, '-', case when len({y}) = 2 then '20' || {y} "
                "else {y} end), '%d-%m-%Y') is not null")
        as_dmy = real.format(d=first, m=second, y=year)
        as_mdy = real.format(d=second, m=first, y=year)
        parts.append(
            f"count(nullif(trim({q}), '')) as n{i}, "
            f"count(*) filter (where regexp_matches({q}, $pat)) as d{i}, "
            f"count(*) filter (where {first} > 12 and {as_dmy}) as f{i}, "
            f"count(*) filter (where {second} > 12 and {as_mdy}) as s{i}, "
            f"coalesce(any_value({q}) filter (where {first} > 12 or {second} > 12), "
            f"         any_value({q}) filter (where regexp_matches({q}, $pat))) as e{i}"
        )
    row = con.execute(f"select {', '.join(parts)} from {view}",  # noqa: S608 (quoted header names)
                      {"pat": NUMERIC_DATE}).fetchall()[0]
    found = []
    for i, name in enumerate(names):
        nonempty, dated, day_first, month_first, example = row[i * 5: i * 5 + 5]
        # a column is a date column when most of its cells are dates
        if dated and dated * 2 >= nonempty:
            found.append(ColumnDates(name, dated, day_first, month_first, example))
    return found


def decide(con: duckdb.DuckDBPyConnection, view: str, file: Path | str, default: str,
           fixed: bool = False, forced: str | None = None,
           only: set[str] | None = None) -> DateDecision:
    """The date order for one file; InputError when it cannot be told and must be chosen."""
    if forced:
        return DateDecision(forced, f"{ORDER_WORDS[forced]}, as --date-order {forced} says")
    columns = scan_columns(con, view, only)
    if not columns:
        return DateDecision(default, "no dates like 03/04/2025 in this file, so the order does not matter",
                            columns)
    decided = {c.order for c in columns if c.order}
    mixed = [c for c in columns if c.day_first and c.month_first]
    if mixed:
        c = mixed[0]
        raise InputError(
            f"holds both day-first and month-first dates ({c.day_first} with a first number above "
            f"12, {c.month_first} with a second number above 12)",
            file=file, column=c.column,
            hint="fix the dates that do not follow the rest, or re-export the file; "
                 "then, if it is still unclear, " + FLAG_HINT,
        )
    if len(decided) > 1:
        dmy = next(c for c in columns if c.order == "dmy")
        mdy = next(c for c in columns if c.order == "mdy")
        raise InputError(
            f"columns disagree: '{dmy.column}' writes dates day first ('{dmy.example}') and "
            f"'{mdy.column}' month first ('{mdy.example}')",
            file=file, column=dmy.column, hint="re-export the file with one date format",
        )
    if decided:
        order = decided.pop()
        proof = next(c for c in columns if c.order == order)
        return DateDecision(
            order, f"{ORDER_WORDS[order]}: column '{proof.column}' has '{proof.example}', "
                   "which can only be read that way", columns)
    if fixed:
        return DateDecision(default, f"{ORDER_WORDS[default]}, the order this export always uses",
                            columns)
    c = columns[0]
    raise InputError(
        f"dates like '{c.example}' could be day first or month first, and no date in the file "
        "has a number above 12 to tell which",
        file=file, column=c.column, hint=FLAG_HINT,
    )
