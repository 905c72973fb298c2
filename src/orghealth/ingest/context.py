"""What every format's loader works with: the ingest's connection and bookkeeping
(``IngestContext``), the value-parsing macros the staging SQL calls, and the work tables."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from orghealth.ingest import dates, people

if TYPE_CHECKING:
    from orghealth.ingest.formats.base import Format


class IngestContext:
    """What a loader needs: the connection, the rules, and the bookkeeping helpers."""

    def __init__(self, con: duckdb.DuckDBPyConnection, rules: dict, date_order: str | None):
        self.con = con
        self.rules = rules
        self.forced_date_order = date_order
        self._columns: dict[str, list[str]] = {}
        self._date_order: str | None = None
        self.current: tuple[Format, Path] | None = None     # the file being loaded
        self.date_decisions: dict[str, dates.DateDecision] = {}
        self.today = datetime.now(UTC).date()     # rows dated after it are warned about

    def table_columns(self, table: str) -> list[str]:
        if table not in self._columns:
            self._columns[table] = [r[0] for r in self.con.execute(f"describe {table}").fetchall()]
        return self._columns[table]

    def use_date_order(self, default: str) -> None:
        order = self.forced_date_order or default
        if self.current is not None and self._has_src():
            # the loader has the file as text in src: decide from its whole date columns
            fmt, path = self.current
            decision = dates.decide(self.con, "src", path, default,
                                    fixed=getattr(fmt, "date_order_fixed", False),
                                    forced=self.forced_date_order,
                                    only=dates.used_columns(fmt.staging))
            self.date_decisions[str(path)] = decision
            order = decision.order
        if order != self._date_order:
            define_parsers(self.con, order)
            self.con.execute(dates.WHEN_MACRO)
            self._date_order = order

    def forget_after_rollback(self) -> None:
        """A rolled-back file took its macros and columns with it: define them again."""
        self._date_order = None
        self._columns.clear()

    def _has_src(self) -> bool:
        return bool(self.con.execute(
            "select 1 from duckdb_views() where view_name = 'src' and temporary").fetchall())

    def remember_keys(self, fmt: Format, file: str) -> None:
        if fmt.key is not None:
            self.con.execute(
                "insert into seen_keys select $fmt, _key, $file from staged "
                "where _reason is null and _dup_of is null and _key is not null",
                {"fmt": fmt.name, "file": file},
            )

    def resolve_people(self, table: str, columns: tuple[str, ...], file: str, target: str) -> None:
        people.resolve_columns(self.con, table, columns, file, target)


# ---------------------------------------------------------------- value parsing

ISO_FORMATS = [
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%d", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d",
    "%d/%b/%y %I:%M %p", "%d/%b/%Y %I:%M %p", "%d/%b/%y %H:%M", "%d/%b/%y", "%d/%b/%Y",
    "%d-%b-%Y", "%d-%b-%y", "%d.%m.%y %H:%M", "%d.%m.%y", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y", "%d %b %Y",
    "%b %d, %Y",
]
# two-digit years first: %Y would read 3/4/25 as the year 25 (%y refuses 2025, so order is safe)
SLASHED = ["%m/%d/%y %I:%M %p", "%m/%d/%y %H:%M:%S", "%m/%d/%y %H:%M", "%m/%d/%y",
           "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M",
           "%m/%d/%Y", "%m-%d-%y %H:%M:%S", "%m-%d-%y", "%m-%d-%Y %H:%M:%S", "%m-%d-%Y"]


def date_formats(order: str) -> list[str]:
    mdy = SLASHED
    dmy = [f.replace("%m/%d", "%d/%m").replace("%m-%d", "%d-%m") for f in SLASHED]
    return ISO_FORMATS + (mdy + dmy if order == "mdy" else dmy + mdy)


def _sql_list(formats: list[str]) -> str:
    return "[" + ", ".join("'" + f + "'" for f in formats) + "]"


def timestamp_parser(order: str) -> str:
    """SQL for oh_ts: a text that starts with a four-digit year only tries year-first formats,
    so 1/2/25 can never read as the year 1 (%Y takes any number of digits)."""
    formats = date_formats(order)
    year_first = [f for f in formats if f.startswith("%Y")]
    others = [f for f in formats if not f.startswith("%Y")]
    return (f"case when regexp_matches(oh_text(x), '^[0-9]{{4}}[-/.]') "
            f"then try_strptime(oh_text(x), {_sql_list(year_first)}) "
            f"else try_strptime(oh_text(x), {_sql_list(others)}) end")


def define_parsers(con: duckdb.DuckDBPyConnection, order: str) -> None:
    """Macros the staging queries use; the date list depends on how 03/04/2025 should read."""
    con.execute(f"""
        create or replace temp macro oh_iso(x) as coalesce(
            timezone('UTC', try_strptime(regexp_replace(oh_text(x), 'Z$', '+0000'),
                                         ['%Y-%m-%dT%H:%M:%S.%g%z', '%Y-%m-%dT%H:%M:%S%z'])),
            {timestamp_parser(order)});
        create or replace temp macro oh_ts(x) as {timestamp_parser(order)};
        create or replace temp macro oh_date(x) as oh_ts(x)::date;
        create or replace temp macro oh_bad_ts(x, label, example) as
            case when oh_text(x) is not null and oh_ts(x) is null then
                label || ': ''' || x || ''' is not a date like ' || example
                || '; fix the cell or re-export the file' end;
        create or replace temp macro oh_bad_date(x, label, example) as oh_bad_ts(x, label, example);
    """)


BASE_MACROS = r"""
create or replace temp macro oh_text(x) as nullif(trim(x::varchar), '');
-- spaces and currency signs are decoration; any other letter makes the cell not a number
create or replace temp macro oh_numtext(x) as regexp_replace(oh_text(x), '[\s$€£¥]', '', 'g');
-- 7,5 and 1.234,5 (decimal comma) as well as 1,234.5
create or replace temp macro oh_num(x) as try_cast(
    case when contains(oh_numtext(x), ',') and contains(oh_numtext(x), '.') then
             case when strpos(reverse(oh_numtext(x)), ',') < strpos(reverse(oh_numtext(x)), '.')
                  then replace(replace(oh_numtext(x), '.', ''), ',', '.')
                  else replace(oh_numtext(x), ',', '') end
         else replace(oh_numtext(x), ',', '.') end as double);
create or replace temp macro oh_bool(x) as case
    when lower(oh_text(x)) in ('yes', 'true', 'y', '1', 'x', 'billable') then true
    when lower(oh_text(x)) in ('no', 'false', 'n', '0', 'non-billable') then false end;
-- hh:mm:ss or hh:mm (hours may pass 24), or decimal hours
create or replace temp macro oh_hours(x) as case
    when regexp_full_match(oh_text(x), '[0-9]+:[0-5][0-9](:[0-5][0-9])?') then
        split_part(oh_text(x), ':', 1)::double + split_part(oh_text(x), ':', 2)::double / 60
        + coalesce(try_cast(nullif(split_part(oh_text(x), ':', 3), '') as double), 0) / 3600
    else oh_num(x) end;
create or replace temp macro oh_missing(x, label) as
    case when oh_text(x) is null then label || ' is empty; every row needs one — fill it in or remove the row' end;
create or replace temp macro oh_bad_num(x, label, example) as
    case when oh_text(x) is not null and oh_num(x) is null then
        label || ': ''' || x || ''' is not a number like ' || example || '; fix the cell or re-export the file' end;
create or replace temp macro oh_bad_hours(x, label) as
    case when oh_text(x) is not null and oh_hours(x) is null then
        label || ': ''' || x || ''' is not a duration like 07:30:00 or 7.5; fix the cell or re-export the file' end;
create or replace temp macro oh_bad_bool(x, label) as
    case when oh_text(x) is not null and oh_bool(x) is null then
        label || ': ''' || x || ''' is not yes or no; fix the cell or re-export the file' end;
"""

WORK_TABLES = """
create temp table seen_keys (format varchar, key varchar, file varchar);
create temp table hr_rows (
    person_id varchar, name varchar, email varchar, department varchar, division varchar,
    title varchar, manager_ref varchar, manager_ref_kind varchar, location varchar,
    hire_date date, termination_date date, effective_date date, is_snapshot boolean,
    source_file varchar, _rec bigint
);
create temp table hr_lines (file varchar, rec bigint, line bigint);
-- kept in the database: rows loaded as they are that deserve a look (orghealth check lists them)
create table if not exists load_warnings (
    file varchar, line bigint, kind varchar not null, message varchar not null
);
"""


def define_record_macro(con: duckdb.DuckDBPyConnection) -> None:
    """oh_rec(rowid): a raw row's record number (1 = the first data row). Each file loads in
    its own transaction, where DuckDB numbers new rows from a large base instead of 0; the
    base is read from DuckDB itself, not assumed."""
    con.execute("begin transaction")
    try:
        con.execute("create temp table oh_rowid_probe as select 1 as x")
        base = con.execute("select rowid from oh_rowid_probe").fetchall()[0][0]
    finally:
        con.execute("rollback")
    con.execute(f"create or replace temp macro oh_rec(r) as "
                f"(case when r >= {int(base)} then r - {int(base)} else r end) + 1")
