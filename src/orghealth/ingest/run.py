"""``orghealth ingest``: exports in, one new database out, every row loaded or rejected.

Order of work: detect every file's format (all problems reported before anything loads),
load reporting-line exports first and build ``people`` with its history, then everything
else (names resolved to people as rows arrive), then classification, ``person_months``
and the shared rollups. All of it happens in a fresh file swapped in at the end.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from orghealth import classify, sql
from orghealth import config as rules_config
from orghealth import db as dbfile
from orghealth.errors import InputError
from orghealth.ingest import encoding, people, spreadsheets
from orghealth.ingest.context import (  # noqa: F401
    BASE_MACROS,
    WORK_TABLES,
    IngestContext,
    define_parsers,
    define_record_macro,
)
from orghealth.ingest.formats import FileResult, Format, mapping

Progress = Callable[[float, str], None]

SKIP_NAMES = {".ds_store", "thumbs.db", "desktop.ini", "readme.md", "readme.txt"}
READABLE = {".csv", ".tsv", ".txt", ".json", ".parquet", *spreadsheets.SUFFIXES}
EXIT_SET_ASIDE = 3        # the database was written, without the files listed as set aside
SHOW_WARNINGS = 10        # warnings the ingest summary lists (check lists them all)


@dataclass
class IngestReport:
    db: Path
    files: list[FileResult]
    rejects: list[dict]                 # a sample: file, line, reason
    reject_reasons: list[tuple[str, int]]
    seconds: float
    notes: list[str] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)   # a sample: file, line, message
    warning_count: int = 0
    set_aside: list[SetAside] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.all_results())

    @property
    def rows_loaded(self) -> int:
        return sum(f.rows_loaded for f in self.all_results())

    @property
    def rows_rejected(self) -> int:
        return sum(f.rows_rejected for f in self.all_results())

    def all_results(self) -> list[FileResult]:
        return [r for f in self.files for r in [f, *f.extra]]


# ---------------------------------------------------------------- finding files

def collect_files(paths: list[Path | str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in READABLE
                and f.name.lower() not in SKIP_NAMES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                raise InputError("this folder holds no exports (no .csv, .json, .parquet or spreadsheet files)",
                                 file=p, hint="point ingest at the folder with the exported files")
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            raise InputError("no such file or folder", file=p)
    if not files:
        raise InputError("nothing to load", hint="give one or more export files or folders")
    # a file named twice (or inside a folder also given) is read once
    unique: dict[Path, Path] = {}
    for f in files:
        unique.setdefault(f.resolve(), f)
    return list(unique.values())


# ---------------------------------------------------------------- the ingest

def ingest_paths(
    paths: list[Path | str],
    db: Path | str,
    config: Path | str | None = None,
    force_format: str | None = None,
    progress: Progress | None = None,
    date_order: str | None = None,
) -> IngestReport:
    """Build a new database at ``db`` from exactly these sources (atomic swap)."""
    target = Path(db)
    config_path = Path(config) if config else None
    started = time.monotonic()
    report_progress = progress or (lambda fraction, message: None)
    rules = rules_config.load_rules(config_path)
    files = collect_files(paths)
    mapped = mapping.formats_from_rules(rules, rules_config.find_config(config_path))
    results: list[FileResult] = []
    set_aside: list[SetAside] = []
    with ExitStack() as stack:
        # files in other encodings, and spreadsheets' sheets, are read from UTF-8 copies that
        # every record names by the original file
        texts = stack.enter_context(encoding.Workspace())
        plan: list[tuple[Format, encoding.Prepared]] = []
        notes: list[str] = []
        for f in files:
            try:
                prepared, empty = texts.prepare_all(f)
            except InputError as exc:
                set_aside.append(SetAside.of(f, exc))
                continue
            notes += empty
            for text in prepared:
                try:
                    fmt = texts.named(text, mapping.detect, text.path, force_format, mapped)
                except InputError as exc:
                    set_aside.append(SetAside.of(text.original, exc))
                    continue
                plan.append((fmt, text))
        if not plan:
            raise nothing_loaded(set_aside)
        plan.sort(key=lambda x: (x[0].order, str(x[1].original)))
        con = stack.enter_context(dbfile.building(target))
        con.execute(BASE_MACROS)
        define_record_macro(con)
        con.execute(WORK_TABLES)
        ctx = IngestContext(con, rules, date_order)
        people_done = False
        for i, (fmt, text) in enumerate(plan):
            if fmt.order > 10 and not people_done:
                people.build_people(con)
                people_done = True
            report_progress(i / (len(plan) + 2), f"Loading {text.original.name} ({fmt.title})")
            result = _load_one(ctx, texts, fmt, text, set_aside)
            if result is not None:
                results.append(result)
        if not results:
            raise nothing_loaded(set_aside)
        if not people_done:
            people.build_people(con)
        report_progress(len(plan) / (len(plan) + 2), "Classifying people, tickets and time")
        classify.apply_all(con, rules)
        _write_log(con, results)
        report_progress((len(plan) + 1) / (len(plan) + 2), "Building monthly reporting lines")
        build_derived(con)
        note_cycles(con)
        _write_build_info(con, files, config_path)
        _write_set_aside(con, set_aside)
        report = _report(con, target, results, started)
        report.set_aside = set_aside
        report.notes += notes
    report_progress(1.0, f"Done: {report.rows_loaded:,} rows loaded, {report.rows_rejected:,} rejected")
    return report


@dataclass
class SetAside:
    """A file (or a spreadsheet's sheet) that could not be read at all; the rest loads."""

    file: str
    reason: str
    hint: str | None

    @classmethod
    def of(cls, file: Path | str, exc: InputError) -> SetAside:
        where = f"line {exc.line}: " if exc.line is not None else ""
        column = f"column '{exc.column}': " if exc.column else ""
        return cls(str(file), where + column + exc.message, exc.hint)


def nothing_loaded(set_aside: list[SetAside]) -> InputError:
    if len(set_aside) == 1:
        only = set_aside[0]
        return InputError(only.reason, file=only.file, hint=only.hint)
    listed = "\n".join(f"  {Path(s.file).name}: {s.reason}" for s in set_aside)
    return InputError(f"none of the {len(set_aside)} files could be loaded:\n{listed}",
                      hint="fix or re-export the files named above and load them again; "
                           "nothing was written")


def _load_one(ctx: IngestContext, texts: encoding.Workspace, fmt: Format,
              text: encoding.Prepared, set_aside: list[SetAside]) -> FileResult | None:
    """Load one file in its own transaction: a file that fails part-way leaves no row behind
    and is set aside with its reason, and the files after it still load."""
    con = ctx.con
    con.execute("drop view if exists src")
    con.execute("begin transaction")
    ctx.current = (fmt, text.path)
    try:
        result = texts.named(text, fmt.loader, ctx, fmt, text.path)
        encoding.restore_names(con, text, result)
        con.execute("commit")
        return result
    except InputError as exc:
        con.execute("rollback")
        ctx.forget_after_rollback()
        set_aside.append(SetAside.of(text.original, exc))
        return None
    finally:
        ctx.current = None


def _write_set_aside(con: duckdb.DuckDBPyConnection, set_aside: list[SetAside]) -> None:
    for s in set_aside:
        con.execute("insert into files_set_aside values ($f, $r, $h)",
                    {"f": s.file, "r": s.reason, "h": s.hint})


def build_derived(con: duckdb.DuckDBPyConnection) -> None:
    """The reporting-line walk and person_months from queries/org, then every rollup in
    file-name order."""
    sql.execute_script(con, "org/chain_walk")
    con.execute("create or replace view data_window as " + sql.query_text("org/data_window"))
    con.execute("create or replace table person_months as "
                + sql.query_text("org/person_months"))
    for name in sql.query_names("rollups"):
        sql.execute_script(con, name)


def note_cycles(con: duckdb.DuckDBPyConnection) -> None:
    """A warning per reporting-line cycle, naming its people and the lines that make it."""
    cycles = [p for p in sql.run(con, "org/org_problems").to_dicts() if p["kind"] == "cycle"]
    for cycle in cycles:
        rows = sql.run(con, "staging/cycle_links",
                       {"members": cycle["people"], "until": cycle["last_seen"]}).rows()
        if not rows:
            continue
        first_file = rows[0][3]
        who = ", ".join(f"{pid} ({name})" if name else pid for pid, name, *_ in rows)

        links = "; ".join(f"{pid} reports to {ref} ({_where(file, line, first_file)})"
                          for pid, _name, ref, file, line in rows)
        con.execute(
            "insert into load_warnings values ($file, $line, 'cycle', $message)",
            {"file": first_file, "line": rows[0][4],
             "message": f"reporting lines go round in a circle among {who}: {links}; give one of "
                        "them their real manager in the export and load again (until then, the "
                        "people in the circle have no top and no layers)"})


def _where(file: str, line: int | None, main_file: str) -> str:
    at = f"line {line}" if line is not None else "line not known"
    return at if file == main_file else f"{Path(file).name}, {at}"


def _write_log(con: duckdb.DuckDBPyConnection, results: list[FileResult]) -> None:
    now = datetime.now(UTC).replace(tzinfo=None)
    for r in results:
        for part in [r, *r.extra]:
            assert part.rows_read == part.rows_loaded + part.rows_rejected, part
            con.execute(
                "insert into ingest_log values ($f, $fmt, $t, $read, $loaded, $rej, $note, $at)",
                {"f": part.file, "fmt": part.format, "t": part.table, "read": part.rows_read,
                 "loaded": part.rows_loaded, "rej": part.rows_rejected, "note": part.note,
                 "at": now},
            )


def _write_build_info(con, files: list[Path], config_path: Path | None) -> None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        __version__ = version("orghealth")
    except PackageNotFoundError:
        __version__ = "unknown"
    facts = {
        "built_at": datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds"),
        "version": __version__,
        "sources": "\n".join(str(f.resolve()) for f in files),
        "rules": str(rules_config.find_config(config_path) or "built-in defaults"),
    }
    for key, value in facts.items():
        con.execute("insert into build_info values ($k, $v)", {"k": key, "v": value})
    start, end = con.execute(sql.query_text("org/data_window")).fetchall()[0]
    for key, value in (("data_start", start), ("data_end", end)):
        con.execute("insert into build_info values ($k, $v)", {"k": key, "v": str(value)})


def _report(con, target: Path, results: list[FileResult], started: float) -> IngestReport:
    reasons = con.execute(
        "select regexp_replace(reason, '''[^'']*''', '''…''', 'g') as r, count(*) "
        "from rejects group by r order by count(*) desc, r limit 5"
    ).fetchall()
    sample = con.execute("select file, line, reason from rejects order by file, line limit 20").fetchall()
    warnings = con.execute("select file, line, message from load_warnings "
                           "order by kind, file, line limit $n", {"n": SHOW_WARNINGS}).fetchall()
    return IngestReport(
        db=target, files=results,
        rejects=[{"file": f, "line": ln, "reason": r} for f, ln, r in sample],
        reject_reasons=[(r, n) for r, n in reasons],
        seconds=time.monotonic() - started,
        warnings=[{"file": f, "line": ln, "message": m} for f, ln, m in warnings],
        warning_count=con.execute("select count(*) from load_warnings").fetchall()[0][0],
    )


# ---------------------------------------------------------------- command line

def cli_ingest(args) -> int:
    if args.explain:
        from orghealth.ingest.explain import cli_explain

        return cli_explain(args)
    if not args.sources:
        raise InputError("give one or more export files or folders to load",
                         hint="orghealth ingest path/to/exports --db company.duckdb")
    if not args.db:
        raise InputError("--db is required: the database file to write",
                         hint="orghealth ingest path/to/exports --db company.duckdb")

    def show(fraction: float, message: str) -> None:
        print(f"[{fraction:4.0%}] {message}", file=sys.stderr, flush=True)

    report = ingest_paths(args.sources, args.db, config=args.config,
                          force_format=args.force_format, progress=show,
                          date_order=args.date_order)
    print(summary_text(report))
    return EXIT_SET_ASIDE if report.set_aside else 0


def summary_text(report: IngestReport) -> str:
    lines = [f"Loaded {len(report.files)} file(s) in {report.seconds:.1f} s into {report.db}"]
    for r in report.files:
        for part in [r, *r.extra]:
            lines.append(f"  {Path(part.file).name} ({part.format} → {part.table}): "
                         f"{part.rows_read:,} read, {part.rows_loaded:,} loaded, "
                         f"{part.rows_rejected:,} rejected" + (f" — {part.note}" if part.note else ""))
    lines.append(f"Total: {report.rows_read:,} rows read, {report.rows_loaded:,} loaded, "
                 f"{report.rows_rejected:,} rejected")
    lines += [f"  Note: {n}" for n in report.notes]
    if report.set_aside:
        lines.append(f"Set aside, not loaded: {len(report.set_aside)} file(s); "
                     "everything else loaded without them")
        for s in report.set_aside:
            lines.append(f"  {Path(s.file).name}: {s.reason}")
            if s.hint:
                lines.append(f"    What to do: {s.hint}")
    if report.reject_reasons:
        lines.append("Most common reasons for rejected rows:")
        lines += [f"  {n:,} × {reason}" for reason, n in report.reject_reasons]
        lines.append(f"See every rejected row with: orghealth check --db {report.db}")
    if report.warning_count:
        lines.append(f"Loaded, but worth a look: {report.warning_count:,} warning(s)")
        for w in report.warnings:
            at = f", line {w['line']}" if w["line"] is not None else ""
            lines.append(f"  {Path(w['file']).name}{at}: {w['message']}")
        if report.warning_count > len(report.warnings):
            lines.append(f"  ... and {report.warning_count - len(report.warnings):,} more")
        lines.append(f"See every warning with: orghealth check --db {report.db}")
    return "\n".join(lines)
