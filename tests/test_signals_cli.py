"""`orghealth signals`: a readable table, JSON in the documented shape, exit 2 on a bad db."""

from __future__ import annotations

import json

import duckdb
import pytest
from test_signals_rows import small_company

from orghealth import signals
from orghealth.cli import main


@pytest.fixture(scope="module")
def small_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("signals") / "small.duckdb"
    con = small_company()
    con.execute(f"attach '{path}' as target")
    con.execute("copy from database memory to target")
    con.close()
    return path


def test_json_lists_every_sign_in_the_documented_shape(small_db, capsys):
    assert main(["signals", "--db", str(small_db), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [o["id"] for o in out] == list(signals.load_catalog())
    for o in out:
        assert {"id", "title", "status", "value", "unit", "amber", "red", "n", "reason",
                "since", "meaning"} <= o.keys()
        assert o["status"] in signals.STATUSES
        assert (o["value"] is None) == (o["status"] == "insufficient_data")
    by_id = {o["id"]: o for o in out}
    assert by_id["ps_reports_into_sales"]["status"] == "red"
    assert by_id["ps_reports_into_sales"]["since"] == "2025-07-01"


def test_table_shows_titles_thresholds_and_since(small_db, capsys):
    assert main(["signals", "--db", str(small_db), "--from", "2025-01-01",
                 "--to", "2025-12-31"]) == 0
    out = capsys.readouterr().out
    assert "Professional services reports into Sales" in out
    assert "50.0 %" in out and "2025-07" in out
    assert "Status" in out and "Red at" in out


def test_team_and_window_reach_the_queries(small_db, capsys):
    assert main(["signals", "--db", str(small_db), "--json", "--team", "Sales",
                 "--to", "2025-05-31"]) == 0
    out = {o["id"]: o for o in json.loads(capsys.readouterr().out)}
    assert out["ps_reports_into_sales"]["status"] == "insufficient_data"
    assert out["sales_in_operations"]["date_to"] == "2025-05-31"


def test_missing_or_foreign_database_exits_2(tmp_path, capsys):
    assert main(["signals", "--db", str(tmp_path / "nope.duckdb")]) == 2
    assert "no database here" in capsys.readouterr().err
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("create table t (x int)").close()
    assert main(["signals", "--db", str(other)]) == 2
    assert "not an orghealth database" in capsys.readouterr().err
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    assert main(["signals", "--db", str(text)]) == 2


def test_bad_dates_exit_2(small_db, capsys):
    assert main(["signals", "--db", str(small_db), "--from", "last year"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_an_unknown_team_exits_2_and_lists_the_teams(small_db, capsys):
    assert main(["signals", "--db", str(small_db), "--team", "Nobody"]) == 2
    err = capsys.readouterr().err
    assert "no team called 'Nobody'" in err and "Order Management" in err
