"""The database file: built whole in a temporary file and swapped in, opened read-only to view."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import duckdb

from orghealth import sql
from orghealth.errors import InputError


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    sql.execute_script(con, "schema")


@contextlib.contextmanager
def building(path: str | Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a connection to a fresh database that replaces ``path`` only if the block succeeds.

    A failure or a kill part-way leaves the previous file untouched: the new one is written
    beside it and moved over it in one rename.
    """
    target = Path(path).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.building-{os.getpid()}")
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    _remove_stale_builds(target)
    con = duckdb.connect(str(tmp))
    try:
        create_schema(con)
        yield con
        con.execute("checkpoint")
        con.close()
        os.replace(tmp, target)
    except BaseException:
        con.close()
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
        raise


def _remove_stale_builds(target: Path) -> None:
    """Half-built files of ingests that were killed (their process is gone) only take space."""
    for old in target.parent.glob(f".{target.name}.building-*"):
        pid = old.name.rsplit("-", 1)[-1].removesuffix(".wal")
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            old.unlink(missing_ok=True)
        except PermissionError:
            pass    # someone else's live process


def connect_readonly(path: str | Path) -> duckdb.DuckDBPyConnection:
    """Open a built database for reading; a clear error when there is none."""
    p = Path(path)
    if not p.is_file():
        raise InputError(
            "no database here",
            file=p,
            hint="build one first with: orghealth ingest <exports folder> --db " + str(p),
        )
    try:
        con = duckdb.connect(str(p), read_only=True)
    except duckdb.Error as exc:
        raise InputError(
            f"this file is not an orghealth database ({exc})",
            file=p,
            hint="point --db at a file written by 'orghealth ingest'",
        ) from exc
    try:
        _check_schema_version(con, p)
    except InputError:
        con.close()
        raise
    return con


# The version of the shared query rules (orghealth_schema_version() in
# queries/rollups/90_shared_rules.sql) the queries of this release call.
SCHEMA_VERSION = 3


def _check_schema_version(con: duckdb.DuckDBPyConnection, p: Path) -> None:
    """An ingest by another release lacks the rules the queries call: say so, not a catalog error.

    Only a file with the tables an ingest derives (person_months) is judged; any other file is
    left to the callers' own checks."""
    # fetchall, not fetchone: a result left half-read blocks the connection's next query
    ours = con.execute("select count(*) from duckdb_tables() where table_name = 'person_months'"
                       ).fetchall()[0][0]
    if not ours:
        return
    has_version = con.execute("select count(*) from duckdb_functions() "
                              "where function_name = 'orghealth_schema_version'").fetchall()[0][0]
    version = (con.execute("select orghealth_schema_version()").fetchall()[0][0]
               if has_version else 0)
    if version != SCHEMA_VERSION:
        age = "an older" if version < SCHEMA_VERSION else "a newer"
        raise InputError(
            f"this database was built by {age} release of orghealth and cannot be read by this one",
            file=p,
            hint="build it again from the same exports: orghealth ingest <exports folder> "
                 "--db <this file>",
        )


def fingerprint(path: str | Path) -> str:
    """Changes whenever the file is swapped: the key for caching results of this database."""
    st = Path(path).stat()
    return f"{Path(path).resolve()}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"


def content_hash(path: str | Path) -> str:
    """SHA-256 of the database file's bytes (shown on snapshots)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
