"""Named SQL: a query is referred to by its folder and file stem, e.g. ``org/org_chains``."""

from __future__ import annotations

import re
from functools import cache

import duckdb
import polars as pl

from orghealth.paths import QUERIES_DIR


@cache
def query_text(name: str) -> str:
    """The SQL of ``queries/<name>.sql``."""
    path = QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query named {name!r} (looked for {path})")
    return path.read_text(encoding="utf-8")


def query_names(folder: str) -> list[str]:
    """Every query in a folder, by name, in file-name order."""
    return [f"{folder}/{p.stem}" for p in sorted((QUERIES_DIR / folder).glob("*.sql"))]


_PARAM = re.compile(r"(?<![:$\w])\$([A-Za-z_]\w*)")


def query_params(name: str) -> set[str]:
    """The ``$params`` a query binds (comments ignored)."""
    body = "\n".join(line.split("--", 1)[0] for line in query_text(name).splitlines())
    return set(_PARAM.findall(body))


def run(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> pl.DataFrame:
    """Run a named query with only the parameters it declares, and return a polars frame."""
    wanted = query_params(name)
    bound = {k: v for k, v in (params or {}).items() if k in wanted}
    missing = wanted - bound.keys()
    if missing:
        raise KeyError(f"query {name!r} needs parameters {sorted(missing)}")
    return con.sql(query_text(name), params=bound or None).pl()


def execute_script(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Run a parameterless script (DDL, or a rollup that creates tables)."""
    con.execute(query_text(name))
