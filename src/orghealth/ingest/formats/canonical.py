"""The canonical tables themselves, as CSV or Parquet (headers = canonical column names).

The staging query is built from the table's own definition: each canonical column the file
has is parsed to its type, a value that does not parse rejects the row, list columns are
``;``-joined text. Identifiers come from the schema, never from the file.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import duckdb

from orghealth.errors import InputError
from orghealth.ingest import csvfile
from orghealth.ingest.formats.base import FileResult, Format, add_missing_columns, finish_staged

# table -> (signature, key, key label, person columns)
TABLES = {
    "people": (("person_id", "valid_from"), "person_id || ' from ' || valid_from::varchar",
               "person and start date", ()),
    "tickets": (("ticket_id", "created_at"), "ticket_id", "ticket id", ("reporter_id", "assignee_id")),
    "ticket_events": (("ticket_id", "at", "field"), None, "event", ("actor_id",)),
    "time_entries": (("person_id", "date", "hours"), None, "entry", ("person_id",)),
    "deals": (("deal_id", "closed_at"), "deal_id", "deal id", ("owner_id",)),
    "projects": (("project_id",), "project_id", "project id", ()),
}
EXAMPLES = {"DATE": "2025-03-17", "TIMESTAMP": "2025-03-17 10:10:00", "DOUBLE": "7.5",
            "INTEGER": "3", "BIGINT": "3", "BOOLEAN": "true or false"}


def staging_sql(columns: list[tuple[str, str, bool]], present: set[str]) -> str:
    """SELECT parsing each canonical column from text, plus _rec and _reason."""
    exprs, checks = [], []
    for name, dtype, not_null in columns:
        if name == "source_file":
            continue
        col = f'"{name}"'
        if name.lower() not in present:
            exprs.append(f"null::{dtype} as {col}")
            continue
        if dtype == "VARCHAR":
            exprs.append(f"oh_text({col}) as {col}")
        elif dtype == "VARCHAR[]":
            exprs.append(f"list_filter(list_transform(string_split({col}, ';'), "
                         f"lambda x: trim(x)), lambda x: x <> '') as {col}")
        elif dtype == "DATE":
            exprs.append(f"oh_date({col}) as {col}")
            checks.append(f"oh_bad_date({col}, '{name}', '{EXAMPLES['DATE']}')")
        elif dtype == "TIMESTAMP":
            exprs.append(f"oh_ts({col}) as {col}")
            checks.append(f"oh_bad_ts({col}, '{name}', '{EXAMPLES['TIMESTAMP']}')")
        elif dtype in ("DOUBLE", "INTEGER", "BIGINT"):
            exprs.append(f"oh_num({col})::{dtype} as {col}")
            checks.append(f"oh_bad_num({col}, '{name}', '{EXAMPLES[dtype]}')")
        elif dtype == "BOOLEAN":
            exprs.append(f"oh_bool({col}) as {col}")
            checks.append(f"oh_bad_bool({col}, '{name}')")
        else:
            exprs.append(f"try_cast(oh_text({col}) as {dtype}) as {col}")
        if not_null:
            checks.insert(0, f"oh_missing({col}, '{name}')")
    reason = f"coalesce({', '.join(checks)})" if checks else "null::varchar"
    return f"select {', '.join(exprs)}, _rec, {reason} as _reason from src"  # noqa: S608


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str, bool]]:
    rows = con.execute(
        "select column_name, data_type, is_nullable = 'NO' from information_schema.columns "
        "where table_name = $t and table_schema = 'main' order by ordinal_position",
        {"t": table},
    ).fetchall()
    return [(n, t, nn) for n, t, nn in rows]


def load_canonical(ctx, fmt: Format, path: Path) -> FileResult:
    con = ctx.con
    if fmt.kind == "parquet":
        rel = con.sql("select * from read_parquet($p)", params={"p": str(path)})
        casts = []
        for name, dtype in zip(rel.columns, rel.dtypes, strict=True):
            q = '"' + name.replace('"', '""') + '"'
            if str(dtype).endswith("[]"):
                casts.append(f"array_to_string({q}, ';') as {q}")
            else:
                casts.append(f"{q}::varchar as {q}")
        con.execute(f"create or replace temp table raw_rows as select {', '.join(casts)} "  # noqa: S608
                    "from read_parquet($p)", {"p": str(path)})
        present, structural, line_source = rel.columns, [], None
    else:
        header = csvfile.read_header(path)
        raw = csvfile.load_raw(con, path, header, "raw_rows")
        present, structural = header.columns, raw.structural
        line_source = partial(csvfile.line_map_table, con, path, raw, "line_map")
    columns = table_columns(con, fmt.table)
    add_missing_columns(con, "raw_rows", (), present)
    con.execute("create or replace temp view src as select oh_rec(rowid) as _rec, * from raw_rows")
    ctx.use_date_order(fmt.date_order)
    con.execute("create or replace temp table staged as "
                + staging_sql(columns, {p.lower() for p in present}))
    return finish_staged(ctx, fmt, path, "raw_rows", structural, line_source)


def _parquet_sniffer(signature: tuple[str, ...]):
    def sniff(path: Path) -> bool:
        try:
            cols = duckdb.sql("select * from read_parquet($p) limit 0",
                              params={"p": str(path)}).columns
        except duckdb.Error as exc:
            raise InputError(f"cannot be read as Parquet ({exc})", file=path) from exc
        return all(s in cols for s in signature)
    return sniff


FORMATS = []
for _table, (_sig, _key, _label, _refs) in TABLES.items():
    for _kind in ("csv", "parquet"):
        FORMATS.append(Format(
            name=_table if _kind == "csv" else f"{_table}_parquet",
            title=f"{_table} table ({_kind.upper() if _kind == 'csv' else 'Parquet'})",
            table=_table,
            signature=_sig,
            key=_key,
            key_label=_label,
            refs=_refs,
            date_order="dmy",
            order=5 if _table == "people" else 35,
            kind=_kind,
            loader=load_canonical,
            sniff=_parquet_sniffer(_sig) if _kind == "parquet" else None,
        ))
