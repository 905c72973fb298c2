"""The same database always gives the same evidence, byte for byte: every evidence query sorts on
keys that never tie and joins lists in a set order, so neither DuckDB's threads nor the order
rows happen to be stored in change a download or a snapshot."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from orghealth import db, export, signals

PARAMS = [signals.SignalParams(),
          signals.SignalParams(team="Professional Services - North"),
          signals.SignalParams(team="Sales", min_group_size=3)]


@pytest.fixture(scope="module")
def shuffled_db(sample_db, tmp_path_factory):
    """The bundled company with every table's rows stored in another order."""
    copy = tmp_path_factory.mktemp("shuffled") / "shuffled.duckdb"
    shutil.copyfile(sample_db, copy)
    con = duckdb.connect(str(copy))
    try:
        tables = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where not temporary").fetchall()]
        for t in tables:  # names from the database's own catalog
            con.table(t).order("random()").create("shuffle")
            con.execute(f'delete from "{t}"')  # noqa: S608
            con.execute(f'insert into "{t}" select * from shuffle')  # noqa: S608
            con.execute("drop table shuffle")
        con.execute("checkpoint")
    finally:
        con.close()
    return copy


def _all_evidence(path, threads: int) -> dict[str, bytes]:
    con = db.connect_readonly(path)
    try:
        con.execute(f"set threads = {int(threads)}")
        return {f"{sid} {p}": export.to_csv_bytes(signals.evidence(con, sid, p))
                for p in PARAMS for sid in signals.load_catalog()}
    finally:
        con.close()


def test_evidence_is_the_same_on_every_run_and_every_storage_order(sample_db, shuffled_db):
    first = _all_evidence(sample_db, threads=1)
    assert sum(len(v.splitlines()) > 1 for v in first.values()) >= 10, "evidence to compare"
    for path, threads in ((sample_db, 4), (sample_db, 4), (shuffled_db, 4), (shuffled_db, 1)):
        again = _all_evidence(path, threads)
        differ = [k for k in first if first[k] != again[k]]
        assert not differ, (str(path), threads, differ)
