"""Exports no preset knows, described by a ``[[mapping]]`` entry in orghealth.toml.

A mapping names the canonical table, which column holds which canonical field, how to
recognise the file (header names and/or a file-name pattern), the date format, and values to
translate (a status "Parked" that means "On Hold"). The file's columns are renamed to the
canonical ones and then parsed exactly like a canonical-table CSV: types checked, bad values
rejected with their line.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, partial
from pathlib import Path

import duckdb

from orghealth.errors import InputError
from orghealth.ingest import csvfile
from orghealth.ingest.formats.base import FileResult, Format, finish_staged, stage
from orghealth.ingest.formats.canonical import EXAMPLES, TABLES, staging_sql, table_columns

SEPARATOR = ";"     # how canonical list columns are joined
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")    # what a mapping reads: delimited text


@dataclass
class MappingSpec:
    name: str
    table: str
    columns: dict[str, str]                 # canonical field -> column in the file
    headers: tuple[str, ...]                # headers that identify the file
    files: tuple[str, ...] = ()             # file-name patterns that identify it
    date_format: str | None = None
    date_order: str | None = None
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    separator: str = SEPARATOR


@cache
def canonical_schema() -> dict[str, list[tuple[str, str, bool]]]:
    """Every canonical table's columns (name, type, required), read from queries/schema.sql."""
    from orghealth import sql

    con = duckdb.connect()
    try:
        con.execute(sql.query_text("schema"))
        return {t: table_columns(con, t) for t in TABLES}
    finally:
        con.close()


def parse_spec(entry: dict, number: int, source: Path | str) -> MappingSpec:
    where = f"[[mapping]] number {number}"

    def fail(message: str, hint: str | None = None) -> InputError:
        return InputError(f"{where}: {message}", file=source,
                          hint=hint or "see 'Mapping any other export' in docs/configuration.md")

    known = {"name", "table", "columns", "headers", "files", "date_format", "date_order",
             "values", "separator"}
    unknown = sorted(set(entry) - known)
    if unknown:
        raise fail(f"unknown setting(s) {', '.join(unknown)}", f"known settings: {', '.join(sorted(known))}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise fail("give it a name = \"...\" (what --as takes)")
    table = entry.get("table")
    if table not in TABLES:
        raise fail(f"table = '{table}' is not one of {', '.join(TABLES)}")
    schema = {c[0]: c for c in canonical_schema()[table] if c[0] != "source_file"}
    columns = entry.get("columns") or {}
    if not isinstance(columns, dict) or not columns:
        raise fail("[mapping.columns] is missing: list canonical field = \"column in the file\"")
    for canon, col in columns.items():
        if canon not in schema:
            raise fail(f"columns: '{canon}' is not a field of {table}",
                       f"fields of {table}: {', '.join(schema)}")
        if not isinstance(col, str) or not col.strip():
            raise fail(f"columns: {canon} must name a column of the file")
    # the columns the canonical table's own CSV must have, and those that may not be empty
    needed = list(TABLES[table][0]) + [c for c, (_, _, nn) in schema.items() if nn]
    required = [c for c in dict.fromkeys(needed) if c not in columns]
    if required:
        raise fail(f"columns: {table} needs {', '.join(required)} — say which column holds it")
    values = entry.get("values") or {}
    for canon, pairs in values.items():
        if canon not in columns:
            raise fail(f"values.{canon}: map the field in [mapping.columns] first")
        if not isinstance(pairs, dict):
            raise fail(f"values.{canon} must be a table of \"from\" = \"to\"")
    order = entry.get("date_order")
    if order not in (None, "dmy", "mdy"):
        raise fail(f"date_order = '{order}' must be \"dmy\" or \"mdy\"")
    date_format = entry.get("date_format")
    if date_format is not None and "%" not in str(date_format):
        raise fail(f"date_format = '{date_format}' is not a date format",
                   "write it like \"%d.%m.%Y\" or \"%m/%d/%Y %I:%M %p\"")
    files = entry.get("files") or ()
    files = (files,) if isinstance(files, str) else tuple(files)
    headers = tuple(entry.get("headers") or columns.values())
    return MappingSpec(name=name.strip(), table=table, columns=dict(columns), headers=headers,
                       files=files, date_format=date_format, date_order=order,
                       values={k: {str(a): str(b) for a, b in v.items()} for k, v in values.items()},
                       separator=str(entry.get("separator", SEPARATOR)))


def formats_from_rules(rules: dict, source: Path | str | None) -> list[Format]:
    """One Format per ``[[mapping]]`` entry of the configuration."""
    entries = rules.get("mapping") or []
    if isinstance(entries, dict):
        entries = [entries]
    found = []
    for number, entry in enumerate(entries, 1):
        spec = parse_spec(entry, number, source or "orghealth.toml")
        _sig, key, label, refs = TABLES[spec.table]
        found.append(Format(
            name=spec.name, title=f"the mapping '{spec.name}' in orghealth.toml", table=spec.table,
            signature=spec.headers, key=key, key_label=label,
            refs=tuple(r for r in refs if r in spec.columns),
            date_order=spec.date_order or "dmy", date_order_fixed=spec.date_order is not None,
            order=5 if spec.table == "people" else 35,
            loader=partial(load_mapped, spec=spec), sniff=partial(matches_name, spec=spec),
        ))
    names = [f.name for f in found]
    if len(set(names)) != len(names):
        raise InputError("two [[mapping]] entries have the same name", file=source,
                         hint="give each mapping its own name")
    return found


def matches_name(path: Path, spec: MappingSpec) -> bool:
    return any(fnmatch.fnmatch(path.name.lower(), p.lower()) for p in spec.files)


def detect(path: Path, forced: str | None, mapped: list[Format]) -> Format:
    """A mapping when one fits the file (by name or headers); else the presets decide."""
    from orghealth.ingest.formats import detect as detect_preset

    if forced:
        chosen = [f for f in mapped if f.name == forced]
        if not chosen:
            return detect_preset(path, forced)
        _must_be_text(chosen[0], path, "--as " + forced)
        return _check_headers(chosen[0], path, forced=True)
    if path.suffix.lower() not in TEXT_SUFFIXES:
        for fmt in mapped:
            if fmt.sniff(path):
                _must_be_text(fmt, path, "its file name")
    if path.suffix.lower() in TEXT_SUFFIXES and mapped:
        header = csvfile.read_header(path)
        for fmt in mapped:
            if fmt.sniff(path):
                return _check_headers(fmt, path)
        for fmt in mapped:
            if not fmt.missing(header.names):
                return fmt
    return detect_preset(path, forced)


def _must_be_text(fmt: Format, path: Path, why: str) -> None:
    """A mapping reads delimited text; any other file chosen for one is refused plainly."""
    if path.suffix.lower() in TEXT_SUFFIXES:
        return
    ending = f"ends in {path.suffix}" if path.suffix else "has no extension"
    raise InputError(
        f"chosen for the mapping '{fmt.name}' ({why}), but a mapping reads CSV files "
        f"(.csv, .tsv or .txt, any separator) and this file {ending}",
        file=path,
        hint="export it from the tool as CSV, or save it as CSV from a spreadsheet, and load that; "
             "or narrow the mapping's files = [...] pattern so it does not take this file")


def _check_headers(fmt: Format, path: Path, forced: bool = False) -> Format:
    missing = fmt.missing(csvfile.read_header(path).names)
    if missing:
        how = f"--as {fmt.name}" if forced else "its file name"
        raise InputError(
            f"read with the mapping '{fmt.name}' ({how}), but column(s) are missing: "
            f"{', '.join(missing)}", file=path, column=missing[0],
            hint="fix the column names in [mapping.columns] of orghealth.toml, or re-export the file")
    return fmt


# ---------------------------------------------------------------- loading

def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _example(date_format: str) -> str:
    return datetime(2025, 3, 17, 14, 30).strftime(date_format)


def load_mapped(ctx, fmt: Format, path: Path, spec: MappingSpec) -> FileResult:
    con = ctx.con
    header = csvfile.read_header(path)
    raw = csvfile.load_raw(con, path, header, "raw_rows")
    by_lower = {c.lower(): c for c in header.columns}
    types = {c[0]: c[1] for c in canonical_schema()[spec.table]}
    con.execute("create or replace temp table mapping_values (field varchar, from_value varchar, "
                "to_value varchar)")
    for canon, pairs in spec.values.items():
        for a, b in pairs.items():
            con.execute("insert into mapping_values values ($f, lower(trim($a)), $b)",
                        {"f": canon, "a": a, "b": b})
    exprs, params = [], {}
    for i, (canon, col) in enumerate(spec.columns.items()):
        source = by_lower.get(col.lower())
        if source is None:   # a recognised file always has its mapped columns (see detect)
            raise InputError(f"column '{col}' (mapped to {canon}) is not in the file", file=path,
                             column=col, hint="fix [mapping.columns] in orghealth.toml")
        expr = _q(source)
        if canon in spec.values:
            params[f"f{i}"] = canon
            expr = (f"coalesce((select to_value from mapping_values v where v.field = $f{i} "  # noqa: S608 (quoted names)
                    f"and v.from_value = lower(trim({expr}))), {expr})")
        if types[canon] in ("DATE", "TIMESTAMP") and spec.date_format:
            params["datefmt"] = spec.date_format
            # a cell that does not fit the format stays as it was, and is rejected with its value
            expr = (f"coalesce(strftime(try_strptime(trim({expr}), $datefmt), '%Y-%m-%d %H:%M:%S'), "
                    f"{expr})")
        if types[canon].endswith("[]") and spec.separator != SEPARATOR:
            params["sep"] = spec.separator
            expr = f"replace({expr}, $sep, '{SEPARATOR}')"
        exprs.append(f"{expr} as {_q(canon)}")
    con.execute(f"create or replace temp table mapped_rows as select {', '.join(exprs)} "  # noqa: S608 (quoted names)
                "from raw_rows order by rowid", params)
    con.execute("create or replace temp view src as select oh_rec(rowid) as _rec, * from mapped_rows")
    ctx.use_date_order(fmt.date_order)
    con.execute("create or replace temp table staged as "
                + staging_sql(canonical_schema()[spec.table], set(spec.columns)))
    if spec.date_format:
        # a bad date is explained in the file's own format, not the canonical one
        for example in (EXAMPLES["TIMESTAMP"], EXAMPLES["DATE"]):
            con.execute("update staged set _reason = replace(_reason, $old, $new) "
                        "where contains(_reason, $old)",
                        {"old": f"is not a date like {example}",
                         "new": "is not a date like " + _example(spec.date_format)})
    return finish_staged(ctx, fmt, path, "raw_rows", raw.structural,
                         partial(csvfile.line_map_table, con, path, raw, "line_map"))


def load_renamed(ctx, fmt: Format, path: Path, renames: dict[str, str]) -> FileResult:
    """A preset's file with translated headers: rename them, then load as the preset does."""
    con = ctx.con
    header = csvfile.read_header(path)
    raw = csvfile.load_raw(con, path, header, "raw_rows")
    lower = {k.lower(): v for k, v in renames.items()}
    present, renamed = [], []
    for col in header.columns:
        new = lower.get(col.lower())
        if new and new.lower() not in {c.lower() for c in header.columns}:
            con.execute(f"alter table raw_rows rename column {_q(col)} to {_q(new)}")
            present.append(new)
            renamed.append((col, new))
        else:
            present.append(col)
    stage(ctx, fmt, "raw_rows", present)
    for own, new in renamed:    # a reason names the column as the file does
        con.execute("update staged set _reason = $own || substr(_reason, length($new) + 1) "
                    "where starts_with(_reason, $new || ':') or starts_with(_reason, $new || ' is')",
                    {"own": own, "new": new})
    return finish_staged(ctx, fmt, path, "raw_rows", raw.structural,
                         partial(csvfile.line_map_table, con, path, raw, "line_map"))
