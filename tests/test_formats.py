"""Toggl, HubSpot and Viva exports; format detection and its errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from orghealth.cli import main
from orghealth.errors import InputError
from orghealth.ingest import ingest_paths
from orghealth.ingest.formats import all_formats, detect

EXPORTS = Path(__file__).parent / "fixtures" / "exports"
MORE = EXPORTS / "more"


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    db = tmp_path_factory.mktemp("more") / "more.duckdb"
    ingest_paths([MORE], db)
    c = duckdb.connect(str(db), read_only=True)
    yield c
    c.close()


def rows(con, q):
    return con.execute(q).fetchall()


def test_accounting(con):
    log = {Path(f).name.split("_")[0].split("-")[0]: (a, b, c) for f, a, b, c in rows(
        con, "select file, rows_read, rows_loaded, rows_rejected from ingest_log")}
    assert log == {"viva": (16, 15, 1), "Toggl": (4, 3, 1), "hubspot": (4, 2, 2)}


def test_toggl_durations_past_24_hours_and_bom(con):
    got = rows(con, "select person_id, date::varchar, round(hours, 4), activity from time_entries order by date")
    assert got == [("ana@co.test", "2025-01-06", 8.0575, "delivery"),
                   ("ana@co.test", "2025-01-07", 25.1667, "other"),
                   ("vp@co.test", "2025-01-08", 1.5, "operations")]
    assert rows(con, "select reason from rejects where reason like 'Duration%'") == [
        ("Duration: '1h30' is not a duration like 07:30:00 or 7.5; fix the cell or re-export the file",)]


def test_hubspot_deals(con):
    d = {r[0]: r[1:] for r in rows(con, "select deal_id, owner_id, is_won, closed_at::varchar, amount, "
                                        "scope_changed_at_close, delivery_consulted, estimated_hours, "
                                        "account, promised_go_live::varchar from deals")}
    # a deactivated owner still resolves by email
    assert d["101"] == ("vp@co.test", True, "2025-01-04", 12500.0, True, False, 120.0, "Acme", "2025-04-01")
    assert d["102"][:3] == ("Vic Unknown", False, "2025-02-14")
    rej = dict(rows(con, "select line, reason from rejects where file like '%hubspot%'"))
    assert rej[4].startswith("Scope Changed At Close: 'maybe'")
    assert rej[5] == "duplicate of line 2 (same deal 101); keep one of the two rows"


def test_viva_snapshots_collapse_into_periods(con):
    got = rows(con, "select person_id, manager_id, valid_from::varchar, valid_to::varchar from people "
                    "order by person_id, valid_from")
    assert got == [
        ("ana@co.test", "ps@co.test", "2025-01-01", "2025-04-01"),   # absent from the April snapshot
        ("ceo@co.test", None, "2025-01-01", None),
        ("ps@co.test", "ceo@co.test", "2025-01-01", "2025-03-01"),
        ("ps@co.test", "vp@co.test", "2025-03-01", None),
        ("vp@co.test", "ceo@co.test", "2025-01-01", None),
    ]


def test_every_format_is_detected_from_its_own_fixture():
    seen = {detect(p).name for p in EXPORTS.rglob("*") if p.is_file()}
    assert {"jira_csv", "jira_json", "harvest", "bamboohr", "projects", "people",
            "time_entries", "toggl", "hubspot", "viva"} <= seen
    assert len({f.name for f in all_formats()}) == len(all_formats())


def test_missing_required_column_names_file_column_and_formats(tmp_path, capsys):
    src = (MORE / "Toggl_time_entries_2025-01-06_to_2025-01-12.csv").read_text(encoding="utf-8-sig")
    broken = tmp_path / "toggl.csv"
    broken.write_text(src.replace("Start date", "Begin"), encoding="utf-8")
    code = main(["ingest", str(broken), "--db", str(tmp_path / "x.duckdb")])
    err = capsys.readouterr().err
    assert code == 2
    assert "toggl.csv" in err and "Start date" in err and "Toggl Track" in err
    assert "Harvest time report" in err                  # the formats tried
    assert "Traceback" not in err
    assert not (tmp_path / "x.duckdb").exists()


def test_forced_format_checks_its_columns(tmp_path):
    with pytest.raises(InputError) as e:
        detect(MORE / "viva_org_data.csv", forced="harvest")
    assert "Hours" in str(e.value) and "--as harvest" in str(e.value)
    assert detect(EXPORTS / "org" / "people.csv", forced="people").table == "people"


def test_unknown_columns_and_empty_folders_are_clear_errors(tmp_path, capsys):
    odd = tmp_path / "odd.csv"
    odd.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    assert main(["ingest", str(odd), "--db", str(tmp_path / "x.duckdb")]) == 2
    err = capsys.readouterr().err
    assert "odd.csv" in err and "match no known export" in err and "--as" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["ingest", str(empty), "--db", str(tmp_path / "x.duckdb")]) == 2
    assert "holds no exports" in capsys.readouterr().err


def test_ingest_cli_prints_a_summary(tmp_path, capsys):
    folder = tmp_path / "in"
    shutil.copytree(MORE, folder)
    assert main(["ingest", str(folder), "--db", str(tmp_path / "m.duckdb")]) == 0
    captured = capsys.readouterr()
    assert "Total: 24 rows read, 20 loaded, 4 rejected" in captured.out
    assert "orghealth check --db" in captured.out
    assert "Loading viva_org_data.csv" in captured.err


def test_canonical_parquet_tables(tmp_path):
    folder = tmp_path / "pq"
    folder.mkdir()
    with duckdb.connect() as c:
        c.execute(f"""copy (select * from (values
            ('T-1', timestamp '2025-01-02 10:00', ['initiative', 'qbr'], 'Acme'),
            ('T-2', timestamp '2025-01-03 11:00', [], null),
            ('T-1', timestamp '2025-01-04 12:00', ['x'], null))
            t(ticket_id, created_at, labels, account)) to '{folder / "tickets.parquet"}' (format parquet)""")  # noqa: S608 (COPY takes no parameters; a test path)
        c.execute(f"""copy (select 'P1' as person_id, date '2025-01-06' as date, 7.5 as hours,
                    'Implementation' as task) to '{folder / "hours.parquet"}' (format parquet)""")  # noqa: S608
    db = tmp_path / "pq.duckdb"
    ingest_paths([folder], db)
    with duckdb.connect(str(db), read_only=True) as con:
        log = sorted(con.execute("select format, rows_read, rows_loaded, rows_rejected "
                                 "from ingest_log").fetchall())
        assert log == [("tickets_parquet", 3, 2, 1), ("time_entries_parquet", 1, 1, 0)]
        got = con.execute("select ticket_id, labels, is_initiative from tickets order by 1").fetchall()
        assert got == [("T-1", ["initiative", "qbr"], True), ("T-2", [], False)]
        assert con.execute("select reason from rejects").fetchall()[0][0].startswith(
            "duplicate: ticket id T-1 appears earlier in this file")
        assert con.execute("select activity from time_entries").fetchall() == [("delivery",)]
