"""``orghealth ingest --explain FILE``: how a file would be read, without writing a database.

The file goes through the same steps as a real ingest — encoding, format detection, date
order, the format's staging query — into a database in memory, and the answer says what each
step decided and why, which column feeds which field, the first rows as they would load and
the rows that would be rejected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from orghealth import config as rules_config
from orghealth import sql
from orghealth.errors import InputError
from orghealth.ingest import csvfile, encoding, people
from orghealth.ingest.formats import mapping, zendesk

# the JSON exports are read under their CSV twins' column names; show the JSON's own keys
JSON_KEYS = {
    "zendesk_json": lambda c: zendesk.JSON_FIELDS.get(c) or ("tags" if c == "Tags" else None),
    "workday_json": lambda c: c.replace(" ", "_"),
}
SHOW_ROWS = 5
SHOW_REJECTS = 10
DELIMITER_WORDS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}


@dataclass
class Explanation:
    file: Path
    encoding: str = ""
    format: str = ""
    format_name: str = ""
    table: str = ""
    delimiter: str | None = None
    dates: str | None = None
    columns: list[tuple[str, str]] = field(default_factory=list)   # (column in file, field)
    preview_columns: list[str] = field(default_factory=list)
    preview: list[tuple] = field(default_factory=list)
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    note: str | None = None
    rejects: list[tuple[int | None, str]] = field(default_factory=list)
    stopped: str | None = None
    refs: tuple[str, ...] = ()                 # fields that name a person


def staging_columns(staging: str) -> list[tuple[str, str]]:
    """(export column, canonical field) pairs read off a staging query's select list."""
    pairs: list[tuple[str, str]] = []
    text = sql.query_text(staging)
    final = text[text.find("final as"):] if "final as" in text else text
    for line in final.splitlines():
        m = re.search(r"\bas\s+\"?([a-z_]+)\"?,?\s*(--.*)?$", line)
        if not m or m.group(1).startswith("_"):
            continue
        for col in re.findall(r'"([^"]+)"', line[: m.start()]):
            if (col, m.group(1)) not in pairs:
                pairs.append((col, m.group(1)))
    return pairs


def explain(path: Path | str, config: Path | str | None = None, force_format: str | None = None,
            date_order: str | None = None) -> Explanation:
    from orghealth.ingest.context import (
        BASE_MACROS,
        WORK_TABLES,
        IngestContext,
        define_record_macro,
    )

    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", file=path)
    out = Explanation(file=path)
    rules = rules_config.load_rules(config)
    mapped = mapping.formats_from_rules(rules, rules_config.find_config(config))
    with encoding.Workspace() as texts:
        text = texts.prepare(path)
        out.encoding = text.describe()
        fmt = texts.named(text, mapping.detect, text.path, force_format, mapped)
        out.format, out.format_name, out.table = fmt.title, fmt.name, fmt.table
        out.refs = fmt.refs
        out.columns = _column_map(fmt, rules, mapped)
        if fmt.kind == "csv":
            header = csvfile.read_header(text.path)
            out.delimiter = DELIMITER_WORDS.get(header.delimiter, repr(header.delimiter))
            out.columns = _present(out.columns, header.names, fmt)
        elif fmt.name in JSON_KEYS:
            keys = JSON_KEYS[fmt.name]
            out.columns = [(keys(c), f) for c, f in out.columns if keys(c)]
        con = duckdb.connect()
        try:
            con.execute(sql.query_text("schema"))
            con.execute(BASE_MACROS)
            define_record_macro(con)
            con.execute(WORK_TABLES)
            ctx = IngestContext(con, rules, date_order)
            ctx.current = (fmt, text.path)
            if fmt.order > 10:
                people.build_people(con)     # no HR data here: every name stays unmatched
            try:
                result = texts.named(text, fmt.loader, ctx, fmt, text.path)
            except InputError as exc:
                out.stopped = str(exc).replace(str(text.path), str(path))
                return out
            decision = ctx.date_decisions.get(str(text.path))
            out.dates = decision.reason if decision else "dates are written in full (ISO) in this format"
            spec = _spec(fmt, mapped)
            if spec is not None and spec.date_format:
                out.dates = f"written as {spec.date_format}, as the mapping says"
            out.rows_read, out.rows_loaded = result.rows_read, result.rows_loaded
            out.rows_rejected, out.note = result.rows_rejected, result.note
            target = fmt.table
            order = "order by _rec" if target == "hr_rows" else ""
            rel = con.sql(f"select * exclude (source_file) from {target} {order} limit {SHOW_ROWS}")  # noqa: S608 (schema name)
            out.preview_columns = [c for c in rel.columns if c not in ("_rec",)]
            out.preview = [tuple(r[rel.columns.index(c)] for c in out.preview_columns)
                           for r in rel.fetchall()]
            out.rejects = con.execute(
                "select line, reason from rejects order by line nulls last limit $n", {"n": SHOW_REJECTS}
            ).fetchall()
        finally:
            con.close()
    return out


def _spec(fmt, mapped) -> mapping.MappingSpec | None:
    return next((m.loader.keywords["spec"] for m in mapped if m.name == fmt.name), None)


def _column_map(fmt, rules, mapped) -> list[tuple[str, str]]:
    spec = _spec(fmt, mapped)
    if spec is not None:
        return [(col, canon) for canon, col in spec.columns.items()]
    if fmt.staging:
        return staging_columns(fmt.staging)
    if fmt.name.split("_parquet")[0] in mapping.TABLES:
        return [(c, c) for c, _, _ in mapping.canonical_schema()[fmt.table] if c != "source_file"]
    return []


def _present(pairs: list[tuple[str, str]], names: list[str], fmt) -> list[tuple[str, str]]:
    """Only the columns this file has, under the names the file gives them."""
    renames = getattr(fmt.loader, "keywords", {}).get("renames", {})
    shown = {n.lower(): n for n in names}
    shown |= {en.lower(): own for own, en in renames.items() if own.lower() in shown}
    return [(shown[c.lower()], f) for c, f in pairs if c.lower() in shown]


def render(e: Explanation) -> str:
    lines = [f"How {e.file} would be read (nothing is loaded):", ""]
    lines.append(f"  Encoding:   {e.encoding}")
    if e.format:
        lines.append(f"  Format:     {e.format} (--as {e.format_name}), into the {e.table} table")
    if e.delimiter:
        lines.append(f"  Separator:  {e.delimiter}")
    if e.dates:
        lines.append(f"  Dates:      {e.dates}")
    if e.columns:
        lines += ["", "  Columns used (column in the file → field):"]
        width = max(len(c) for c, _ in e.columns)
        lines += [f"    {c.ljust(width)} → {f}" for c, f in e.columns]
    if e.stopped:
        lines += ["", "  Loading would stop here:", "    " + e.stopped.replace("\n", "\n    ")]
        return "\n".join(lines)
    lines += ["", f"  Rows: {e.rows_read:,} read, {e.rows_loaded:,} would load, "
                  f"{e.rows_rejected:,} would be rejected" + (f" — {e.note}" if e.note else "")]
    if e.preview:
        lines += ["", f"  First {len(e.preview)} row(s) as they would load (empty fields left out):"]
        for row in e.preview:
            cells = [f"{c}={_show(v)}" for c, v in zip(e.preview_columns, row, strict=True)
                     if v not in (None, [], False)]
            lines.append("    " + ", ".join(cells))
    if e.rejects:
        lines += ["", "  Rows that would be rejected:"]
        lines += [f"    line {line}: {reason}" if line is not None else f"    {reason}"
                  for line, reason in e.rejects]
    if e.table == "hr_rows":
        lines += ["", "  Managers named by name or email are matched to people when the load runs."]
    elif e.refs:
        lines += ["", f"  People ({', '.join(e.refs)}) show as exported here; the load matches them to "
                      "the HR data by id, email or name, and orghealth check lists any it cannot."]
    return "\n".join(lines)


def _show(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def cli_explain(args) -> int:
    result = explain(args.explain, config=args.config, force_format=args.force_format,
                     date_order=args.date_order)
    print(render(result))
    return 2 if result.stopped else 0
