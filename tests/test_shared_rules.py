"""The rules the signs, their evidence and the case share (queries/rollups/90_shared_rules.sql)
are stored in the database as macros: a read-only connection calls them with bound values, and
a database an older release built without them is refused in plain words, not a catalog error."""

from __future__ import annotations

import datetime as dt
import re

import duckdb
import polars as pl
import pytest
from conftest import dashboard

from orghealth import db, sql
from orghealth.cli import main

RULES = "rollups/90_shared_rules"


def _old_db(path, version: int | None = None):
    """A file as another release's ingest left it: derived tables, and no (or other) rules."""
    con = duckdb.connect(str(path))
    con.execute("create table person_months (month date, person_id varchar, unit varchar)")
    if version is not None:
        con.execute(f"create macro orghealth_schema_version() as {int(version)}")
    con.close()
    return path


def test_an_ingest_stores_every_rule_and_a_read_only_connection_uses_them(sample_db):
    defined = set(re.findall(r"create or replace macro (\w+)\(", sql.query_text(RULES)))
    assert {"signal_window", "shown_team_months", "warned_then_blamed"} <= defined
    con = db.connect_readonly(sample_db)
    try:
        stored = {r[0] for r in con.execute(
            "select function_name from duckdb_functions() where function_type like '%macro'"
            " and not internal").fetchall()}
        assert defined <= stored
        assert con.execute("select orghealth_schema_version()").fetchall() == [(db.SCHEMA_VERSION,)]
        window = con.sql("select * from signal_window($f, $t, $team, $m)",
                         params={"f": dt.date(2025, 3, 14), "t": dt.date(2025, 6, 2),
                                 "team": None, "m": 5}).fetchall()
        assert window == [(dt.date(2025, 3, 1), dt.date(2025, 6, 1), None, 5)]
        # privacy: the team-months shown are those at the minimum, worked out here apart
        params = {"f": dt.date(2025, 1, 1), "t": dt.date(2025, 12, 31), "m": 8}
        shown = con.sql("select unit, month from shown_team_months($f, $t, $m)",
                        params=params).pl()
        months = con.sql("select * from unit_months where unit is not null").pl()
        expected = (months.filter(pl.col("month").is_between(params["f"], dt.date(2025, 12, 1)))
                    .group_by("unit", "month").agg(pl.col("people").sum())
                    .filter(pl.col("people") >= params["m"]))
        assert 0 < shown["unit"].n_unique() < months["unit"].n_unique()
        assert set(shown.iter_rows()) == set(expected.select("unit", "month").iter_rows())
    finally:
        con.close()


@pytest.mark.parametrize(("version", "age"), [(None, "older"), (0, "older"), (99, "newer")])
def test_a_database_with_other_rules_is_refused_with_what_to_do(tmp_path, capsys, version, age):
    old = _old_db(tmp_path / "old.duckdb", version)
    with pytest.raises(db.InputError) as err:
        db.connect_readonly(old)
    assert f"{age} release" in str(err.value) and "orghealth ingest" in str(err.value)
    for command in (["signals", "--db", str(old)],
                    ["compare", "--db", str(old), "--split", "reporting-line"],
                    ["check", "--db", str(old)]):
        assert main(command) == 2, command
        message = capsys.readouterr().err
        assert f"{age} release" in message and "orghealth ingest" in message, command
        assert "Catalog Error" not in message and "Traceback" not in message


def test_the_dashboard_says_to_rebuild_an_old_database(monkeypatch, tmp_path):
    old = _old_db(tmp_path / "old.duckdb")
    at = dashboard(monkeypatch, tmp_path, old, timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    said = " ".join(e.value for e in at.sidebar.error)
    assert "older release" in said and "orghealth ingest" in said
