"""What a format is, and the loader most CSV formats share.

A format names the headers that identify it, the canonical table its rows become, and a
staging query (``queries/staging/<stem>.sql``) that turns the file's text columns into
canonical columns plus ``_rec`` (record number) and ``_reason`` (why the row cannot be loaded,
or null). The loader does the rest: duplicates, rejects with line numbers, the insert.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from orghealth import sql
from orghealth.errors import InputError
from orghealth.ingest import csvfile, people
from orghealth.ingest.formats import future

MAX_JSON_OBJECT = 1 << 30

if TYPE_CHECKING:
    from orghealth.ingest.context import IngestContext


@dataclass
class FileResult:
    file: str
    format: str
    table: str
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    note: str | None = None
    extra: list[FileResult] = field(default_factory=list)   # other tables the same file fed


@dataclass(frozen=True)
class Format:
    name: str                          # what --as takes
    title: str                         # what messages call it
    table: str                         # canonical table (hr_rows for reporting-line exports)
    signature: tuple[str, ...]         # headers that must all be present (case-insensitive)
    optional: tuple[str, ...] = ()     # headers the staging query reads when present
    staging: str | None = None         # queries/staging/<stem>
    then: str | None = None            # a staging step shared by every format of its table
    key: str | None = None             # SQL over staged columns that must be unique in an export
    key_label: str = "id"              # how a reason names the key
    refs: tuple[str, ...] = ()         # staged columns that name a person
    merge_into_existing: bool = False  # a key another format already loaded is the same row: merge
    date_order: str = "dmy"            # how 03/04/2025 reads unless --date-order says
    date_order_fixed: bool = False     # the tool writes that order whatever the locale: no asking
    order: int = 50                    # load order: reporting lines first
    kind: str = "csv"                  # csv | json | parquet
    loader: Callable[..., FileResult] | None = None
    sniff: Callable[[Path], bool] | None = None   # for non-CSV formats: does this file fit?

    def missing(self, headers: list[str]) -> list[str]:
        have = {h.lower() for h in headers}
        return [c for c in self.signature if c.lower() not in have]


def add_missing_columns(con, table: str, wanted: tuple[str, ...], present: list[str]) -> None:
    """Optional headers a file lacks become empty columns, so one staging query fits every file."""
    have = {c.lower() for c in present}
    for col in wanted:
        if col.lower() not in have:
            con.execute(f'alter table {table} add column "{col}" varchar')
            have.add(col.lower())


def load_csv(ctx: IngestContext, fmt: Format, path: Path) -> FileResult:
    """The shared path: raw text rows → staging query → canonical rows or rejects."""
    con = ctx.con
    header = csvfile.read_header(path)
    raw = csvfile.load_raw(con, path, header, "raw_rows")
    stage(ctx, fmt, "raw_rows", header.columns)
    return finish_staged(ctx, fmt, path, raw_table="raw_rows", structural=raw.structural,
                         line_source=lambda: csvfile.line_map_table(con, path, raw, "line_map"))


def read_json(con, table: str, select: str, path: Path, what: str, hint: str) -> None:
    """``table`` from a JSON export (``$p`` is its path, ``$max`` the largest object read);
    a file DuckDB cannot read is refused with a message that says what it should have been."""
    try:
        con.execute(f"create or replace temp table {table} as {select}",
                    {"p": str(path), "max": MAX_JSON_OBJECT})
    except duckdb.Error as exc:
        raise InputError(f"is not a readable {what} ({str(exc).splitlines()[0]})",
                         file=path, hint=hint) from exc


def stage(ctx: IngestContext, fmt: Format, raw_table: str, present: list[str]) -> None:
    """The raw text rows → ``staged``: the format's own step, then the step its table shares."""
    con = ctx.con
    add_missing_columns(con, raw_table, fmt.optional, present)
    con.execute(f"create or replace temp view src as select oh_rec(rowid) as _rec, * from {raw_table}")  # noqa: S608
    ctx.use_date_order(fmt.date_order)
    if fmt.then is None:
        con.execute(f"create or replace temp table staged as {sql.query_text(fmt.staging)}")
        return
    con.execute(f"create or replace temp view format_rows as {sql.query_text(fmt.staging)}")
    con.execute(f"create or replace temp table staged as {sql.query_text(fmt.then)}")


# what every reporting-line export, and every time-tracking export, has in common
HR_ROWS = dict(table="hr_rows", then="staging/hr_person_rows", order=10)
TIME_ENTRIES = dict(table="time_entries", then="staging/time_entry_rows", refs=("person_id",),
                    order=40)
TICKETS = dict(table="tickets", key="ticket_id", refs=("reporter_id", "assignee_id"), order=30)
DEALS = dict(table="deals", key="deal_id", refs=("owner_id",), order=40)


def finish_staged(ctx: IngestContext, fmt: Format, path: Path, raw_table: str,
                  structural: list, line_source: Callable[[], None] | None) -> FileResult:
    """Mark duplicates, write rejects (with lines), resolve people, insert the good rows."""
    con = ctx.con
    name = str(path)
    if fmt.table == "time_entries":
        # no tool logs negative time; such a cell is a typo or a correction row
        con.execute("update staged set _reason = 'Hours: ' || hours || ' is negative; "
                    "enter the time worked, or remove the row if it corrects another' "
                    "where _reason is null and hours < 0")
    mark_duplicates(ctx, fmt, name)
    typed_rejects = con.execute(
        "select count(*) from staged where _reason is not null or _dup_of is not null"
    ).fetchall()[0][0]
    mapped: list[bool] = []

    def map_lines() -> None:
        """line_map (record → line in the file) for this file, made once and only if needed."""
        if mapped:
            return
        mapped.append(True)
        if line_source is not None:
            line_source()
        else:
            con.execute("create or replace temp table line_map as "
                        "select _rec as rec, null::bigint as line from staged")

    if typed_rejects or structural:
        map_lines()
        write_rejects(ctx, fmt, name, raw_table, structural, path)
    if fmt.table == "hr_rows":
        # reporting-line problems found later (a cycle) point at the lines that make them
        map_lines()
        con.execute("insert into hr_lines select $file, rec, line from line_map", {"file": name})
    rows_kept = con.execute("select count(*) from staged").fetchall()[0][0]
    loaded = rows_kept - typed_rejects
    columns = [c for c in ctx.table_columns(fmt.table) if c != "source_file"]
    staged_cols = {r[0] for r in con.execute("describe staged").fetchall()}
    cols = [c for c in columns if c in staged_cols]
    refs = [c for c in fmt.refs if c in staged_cols]
    note = None
    if fmt.merge_into_existing:
        # merged rows fill gaps in rows already loaded: resolve names before comparing
        if refs:
            ctx.resolve_people("staged", tuple(refs), name, fmt.table)
        note = merge_existing(ctx, fmt, cols)
        refs = []
    elif refs:
        people.record_unmatched_columns(con, "staged", refs, name, fmt.table)
    future.note_rows(con, fmt.table, name, ctx.today, map_lines)
    # names become person ids as the rows are inserted (no extra copy of a large file)
    values = ", ".join(f'coalesce(a{refs.index(c)}.person_id, s."{c}")' if c in refs else f's."{c}"'
                       for c in cols)
    joins = " ".join(f'left join alias_unique a{i} on a{i}.alias = lower(trim(s."{c}"))'
                     for i, c in enumerate(refs))
    col_list = ", ".join(f'"{c}"' for c in cols)
    con.execute(
        f"insert into {fmt.table} ({col_list}, source_file) select {values}, $file "  # noqa: S608 (schema names)
        f"from staged s {joins} where s._reason is null and s._dup_of is null",
        {"file": name},
    )
    ctx.remember_keys(fmt, name)
    return FileResult(file=name, format=fmt.name, table=fmt.table,
                      rows_read=rows_kept + len(structural), rows_loaded=loaded,
                      rows_rejected=typed_rejects + len(structural), note=note)


def merge_existing(ctx: IngestContext, fmt: Format, cols: list[str]) -> str | None:
    """Rows whose key another export already loaded fill that row's gaps instead of repeating it."""
    con = ctx.con
    key, table = fmt.key, fmt.table
    con.execute(
        f"create or replace temp table merging as select s.* from staged s "  # noqa: S608 (schema names)
        f"where s._reason is null and s._dup_of is null and s.{key} in (select {key} from {table})"
    )
    merged = con.execute("select count(*) from merging").fetchall()[0][0]
    if not merged:
        return None
    types = dict(con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_name = $t and table_schema = 'main'", {"t": table}).fetchall())

    def filled(c: str) -> str:
        here, there = f'{table}."{c}"', f'm."{c}"'
        if c == "sprint_count":
            return f"greatest({here}, {there})"
        if types.get(c, "").endswith("[]"):   # an empty list is a gap too
            return f"case when len(coalesce({here}, [])) = 0 then {there} else {here} end"
        return f"coalesce({here}, {there})"

    fill = [c for c in cols if c != key]
    sets = ", ".join(f'"{c}" = {filled(c)}' for c in fill)
    # only rows with a gap to fill are rewritten (usually few: the CSV has most fields)
    gaps = " or ".join(f'{table}."{c}" is distinct from {filled(c)}' for c in fill)
    con.execute(f"update {table} set {sets} from merging m "  # noqa: S608 (schema names)
                f"where {table}.{key} = m.{key} and ({gaps})")
    con.execute(f"delete from staged where {key} in (select {key} from merging)")  # noqa: S608
    return f"{merged:,} already loaded from another export, merged into those rows"


def mark_duplicates(ctx: IngestContext, fmt: Format, name: str) -> None:
    """_dup_of = the record a duplicate repeats, or -1 when an earlier file of the export had it."""
    con = ctx.con
    if fmt.key is None:
        con.execute("alter table staged add column _dup_of bigint")
        con.execute("alter table staged add column _key varchar")
        return
    con.execute(
        "create or replace temp table staged as select *, "  # noqa: S608 (internal table and column names only)
        f"({fmt.key})::varchar as _key from staged"
    )
    con.execute(
        "create or replace temp table staged as select s.*, "
        "case when s._reason is null and s._key is not null then "
        "  case when k.file is not null then -1 "
        "       when first_value(s._rec) over w <> s._rec then first_value(s._rec) over w end "
        "end as _dup_of "
        "from staged s left join seen_keys k on k.format = $fmt and k.key = s._key "
        "window w as (partition by s._key, (s._reason is null) order by s._rec)",
        {"fmt": fmt.name},
    )


def write_rejects(ctx: IngestContext, fmt: Format, name: str, raw_table: str,
                  structural: list, path: Path) -> None:
    con = ctx.con
    con.execute(
        "insert into rejects "  # noqa: S608 (internal table and column names only)
        "select $file, m.line, "
        "  coalesce(s._reason, case when s._dup_of = -1 then "
        "    'duplicate: ' || $label || ' ' || s._key || ' was already loaded from ' || k.file "
        "    || '; keep it in one file only' "
        "  when m2.line is null then 'duplicate: ' || $label || ' ' || s._key "
        "    || ' appears earlier in this file; keep one of the two' "
        "  else 'duplicate of line ' || m2.line || ' (same ' || $label "
        "    || ' ' || s._key || '); keep one of the two rows' end), "
        f"  to_json(r)::varchar "
        f"from staged s left join line_map m on m.rec = s._rec "
        "left join line_map m2 on m2.rec = s._dup_of "
        "left join seen_keys k on k.format = $fmt and k.key = s._key and s._dup_of = -1 "
        f"left join {raw_table} r on oh_rec(r.rowid) = s._rec "
        "where s._reason is not null or s._dup_of is not null",
        {"file": name, "label": fmt.key_label, "fmt": fmt.name},
    )
    if structural:
        starts = csvfile.record_start_lines(path)
        for ordinal, error_type, text in structural:
            con.execute(
                "insert into rejects values ($file, $line, $reason, $raw)",
                {"file": name, "line": csvfile.structural_line(starts, ordinal),
                 "reason": csvfile.structural_reason(error_type), "raw": text},
            )
