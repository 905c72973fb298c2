"""One unreadable file does not stop the rest: it is set aside with its reason and what to
do, listed by the summary, `check` and the Data quality page, and the exit status says so
(0 everything loaded, 3 written with files set aside, 2 nothing could be loaded)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb

from orghealth.cli import main
from orghealth.ingest import ingest_paths, summary_text

BASIC = Path(__file__).parent / "fixtures" / "exports" / "basic"


def _with_bad_files(tmp: Path) -> Path:
    folder = tmp / "exports"
    shutil.copytree(BASIC, folder)
    (folder / "notes from the offsite.csv").write_text("topic,owner\nbudget,Ann\n")
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 this is no workbook")
    # every date is ambiguous, so this Harvest file fails while it loads, after staging began
    (folder / "harvest_time_report_2025.csv").write_text(
        "Date,Client,Project,Task,Notes,Hours,First Name,Last Name\n"
        "03/04/2025,Acme,Acme rollout,Implementation,,2,Ann,Lee\n"
        "05/06/2025,Acme,Acme rollout,Implementation,,3,Ann,Lee\n")
    return folder


def test_the_rest_loads_and_each_bad_file_is_named_with_a_reason(tmp_path):
    clean = ingest_paths([BASIC], tmp_path / "clean.duckdb")
    report = ingest_paths([_with_bad_files(tmp_path)], tmp_path / "mixed.duckdb")
    names = sorted(Path(s.file).name for s in report.set_aside)
    assert names == ["broken.xlsx", "harvest_time_report_2025.csv", "notes from the offsite.csv"]
    assert all(s.reason for s in report.set_aside)
    # the good files gave exactly what they give alone; the failed one left no row behind
    assert report.rows_read == clean.rows_read
    assert report.rows_loaded == clean.rows_loaded
    con = duckdb.connect(str(tmp_path / "mixed.duckdb"), read_only=True)
    try:
        assert con.execute("select count(*) from time_entries where hours in (2, 3) "
                           "and date in ('2025-03-04', '2025-04-03')").fetchall() == [(0,)]
        assert con.execute("select count(*) from files_set_aside").fetchall() == [(3,)]
    finally:
        con.close()
    text = summary_text(report)
    assert "Set aside, not loaded: 3 file(s)" in text and "broken.xlsx" in text


def test_exit_status_three_when_files_were_set_aside_and_check_lists_them(tmp_path, capsys):
    db = tmp_path / "x.duckdb"
    assert main(["ingest", str(_with_bad_files(tmp_path)), "--db", str(db)]) == 3
    capsys.readouterr()
    assert main(["check", "--db", str(db), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["files_set_aside"]
    assert sorted(Path(s["file"]).name for s in listed) == [
        "broken.xlsx", "harvest_time_report_2025.csv", "notes from the offsite.csv"]
    assert main(["check", "--db", str(db)]) == 0
    assert "Files set aside, not loaded: 3" in capsys.readouterr().out
    assert main(["ingest", str(BASIC), "--db", str(tmp_path / "ok.duckdb")]) == 0


def test_exit_status_two_and_no_database_when_nothing_could_be_loaded(tmp_path, capsys):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "a.csv").write_text("topic,owner\nbudget,Ann\n")
    (folder / "b.xlsx").write_bytes(b"not a workbook")
    db = tmp_path / "none.duckdb"
    assert main(["ingest", str(folder), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "none of the 2 files could be loaded" in err and "a.csv" in err and "b.xlsx" in err
    assert "Traceback" not in err
    assert not db.exists()
