"""Spreadsheets load as their CSV twins do: .xlsx and .ods sheets go through the same
detection, staging and row accounting, and a reject's line is the sheet's own row number.
The fixtures in tests/fixtures/spreadsheets/ are written by make.py there from the CSV
fixtures, each laid out as its tool's spreadsheet export is (see make.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from orghealth.ingest import ingest_paths

FIXTURES = Path(__file__).parent / "fixtures"
BASIC = FIXTURES / "exports" / "basic"
SHEETS = FIXTURES / "spreadsheets"


def _folder(tmp: Path, name: str, drop: str | None = None, add: Path | None = None) -> Path:
    folder = tmp / name
    shutil.copytree(BASIC, folder)
    if drop:
        (folder / drop).unlink()
    if add:
        shutil.copy(add, folder / add.name)
    return folder


def _table(db: Path, query: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def csv_db(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("csv")
    db = tmp / "csv.duckdb"
    ingest_paths([_folder(tmp, "in")], db)
    return db


PEOPLE = ("select person_id, name, email, department, title, manager_id, valid_from, valid_to "
          "from people order by all")
TIME = ("select person_id, date, hours, account, project, task, notes, billable "
        "from time_entries order by all")
LOG = ("select regexp_extract(file, '([^/]+?)(\\.[a-z]+)?( \\(sheet .*\\))?$', 1), target_table, "
       "rows_read, rows_loaded, rows_rejected from ingest_log where target_table = $t order by 1")


def test_a_bamboohr_workbook_loads_the_same_people_as_its_csv(tmp_path, csv_db):
    db = tmp_path / "xlsx.duckdb"
    report = ingest_paths([_folder(tmp_path, "in", "bamboohr_job_history.csv",
                                   SHEETS / "bamboohr_job_history.xlsx")], db)
    assert _table(db, PEOPLE) == _table(csv_db, PEOPLE)
    sheet = [f for f in report.files if "bamboohr" in Path(f.file).name]
    assert [f.file.endswith('bamboohr_job_history.xlsx (sheet "Report")') for f in sheet] == [True]
    counts = _table(db, "select rows_read, rows_loaded, rows_rejected from ingest_log "
                        "where file like '%bamboohr_job%'")
    assert counts == _table(csv_db, "select rows_read, rows_loaded, rows_rejected from ingest_log "
                                    "where file like '%bamboohr_job%'")
    # the empty second sheet is named, not loaded and not an error
    assert any("Sheet2" in n and "hold nothing" in n for n in report.notes)
    assert not report.set_aside


def test_a_harvest_ods_loads_the_same_hours_as_its_csv(tmp_path, csv_db):
    db = tmp_path / "ods.duckdb"
    ingest_paths([_folder(tmp_path, "in", "harvest_time_report_from2025-01-01to2025-03-31.csv",
                          SHEETS / "harvest_time_report.ods")], db)
    assert _table(db, TIME) == _table(csv_db, TIME)
    # same rejects at the same lines: row n of the sheet is line n of the CSV
    rejects = "select line, reason from rejects where file like '%harvest_time%' order by line"
    assert _table(db, rejects) == _table(csv_db, rejects)
    assert _table(db, rejects), "the fixture has rejected rows to compare"
    assert all(line is not None for line, _ in _table(db, rejects))


def test_a_salesforce_report_workbook_skips_its_title_and_names_sheet_rows(tmp_path):
    db = tmp_path / "sf.duckdb"
    report = ingest_paths([BASIC / "bamboohr_job_history.csv",
                           SHEETS / "report_opportunities.xlsx"], db)
    (log,) = [f for f in report.files if f.file.endswith('(sheet "Opportunities")')]
    assert log.rows_read == log.rows_loaded + log.rows_rejected
    # four opportunities under a header on sheet row 4; the grand-total row is no opportunity
    assert log.rows_read == 4
    assert any("3 row(s) above the header" in n for n in report.notes)
    lines = _table(db, "select line, reason from rejects where file like '%Opportunities%' "
                       "order by line")
    # the close date 'soon' sits on sheet row 8, which is what a person opening the sheet sees
    assert [line for line, reason in lines if "'soon' is not a date" in reason] == [8]
    assert _table(db, "select count(*) from deals where account = 'Acme'") == [(1,)]
