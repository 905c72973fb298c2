"""Day-first or month-first, decided from whole columns; asked for when it cannot be told."""

from __future__ import annotations

import duckdb
import pytest

from orghealth.cli import main
from orghealth.errors import InputError
from orghealth.ingest import ingest_paths
from orghealth.ingest.dates import decide


def view(cells: dict[str, list[str | None]]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    cols = ", ".join(f'"{c}" varchar' for c in cells)
    con.execute(f"create table t ({cols})")
    for row in zip(*cells.values(), strict=True):
        con.execute(f"insert into t values ({', '.join('?' for _ in row)})", list(row))  # noqa: S608
    con.execute("create view src as select rowid + 1 as _rec, * from t")
    return con


def test_one_day_above_twelve_decides_the_whole_column():
    con = view({"Date": ["03/04/2025", "05/06/2025", "13/04/2025"], "Note": ["a", "b", "c"]})
    d = decide(con, "src", "x.csv", default="mdy")
    assert d.order == "dmy" and "'Date'" in d.reason and "13/04/2025" in d.reason


def test_month_first_with_two_digit_years_and_times():
    con = view({"When": ["3/4/25 1:05 PM", "12/31/25 11:00 AM", None]})
    assert decide(con, "src", "x.csv", default="dmy").order == "mdy"


def test_an_impossible_date_is_not_evidence():
    # 31/02 is no date at all: it is rejected at load, and does not make the file day-first
    con = view({"Opened": ["02-13-2025 15:46:06", "31-02-2025 10:00:00"]})
    assert decide(con, "src", "x.csv", default="dmy").order == "mdy"


def test_ambiguous_column_names_file_column_and_flag():
    con = view({"Start Date": ["03/04/2025", "05/06/2025"]})
    with pytest.raises(InputError) as e:
        decide(con, "src", "clockify.csv", default="dmy")
    text = str(e.value)
    assert "clockify.csv" in text and "column 'Start Date'" in text
    assert "--date-order dmy" in text and "--date-order mdy" in text


def test_ambiguous_is_fine_when_the_tool_always_writes_one_order_or_the_user_chose():
    con = view({"EffectiveDate": ["1/1/2025", "2/1/2025"]})
    assert decide(con, "src", "viva.csv", default="mdy", fixed=True).order == "mdy"
    assert decide(con, "src", "viva.csv", default="mdy", forced="dmy").order == "dmy"


def test_columns_that_disagree_or_mix_orders_are_errors():
    con = view({"A": ["13/01/2025", "01/01/2025"], "B": ["01/13/2025", "01/01/2025"]})
    with pytest.raises(InputError, match="columns disagree"):
        decide(con, "src", "x.csv", default="dmy")
    con = view({"A": ["13/01/2025", "01/13/2025"]})
    with pytest.raises(InputError, match="both day-first and month-first"):
        decide(con, "src", "x.csv", default="dmy")


def test_iso_and_text_columns_are_not_date_columns():
    con = view({"Created": ["2025-03-04", "2025-03-05"], "Version": ["v1/2/3", "release 4"]})
    d = decide(con, "src", "x.csv", default="dmy")
    assert d.order == "dmy" and d.columns == []


CLOCKIFY = ('"Project","User","Email","Start Date","Duration (h)","Duration (decimal)"\r\n'
            '"P","Ann Lee","ann@x.test","03/04/2025","01:00:00","1.00"\r\n'
            '"P","Ann Lee","ann@x.test","05/04/2025","02:00:00","2.00"\r\n')


def test_ambiguous_file_stops_the_ingest_then_loads_with_the_flag(tmp_path, capsys):
    src = tmp_path / "Clockify_Time_Report_Detailed.csv"
    src.write_text(CLOCKIFY, encoding="utf-8", newline="")
    db = tmp_path / "x.duckdb"
    assert main(["ingest", str(src), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "Clockify_Time_Report_Detailed.csv" in err and "'Start Date'" in err
    assert "--date-order" in err and "Traceback" not in err
    assert not db.exists()
    ingest_paths([src], db, date_order="mdy")
    with duckdb.connect(str(db), read_only=True) as con:
        got = con.execute("select date::varchar from time_entries order by date").fetchall()
    assert got == [("2025-03-04",), ("2025-05-04",)]


def test_a_date_column_that_is_not_loaded_cannot_stop_the_load(tmp_path):
    src = tmp_path / "Clockify_Time_Report_Detailed.csv"
    # "Date of creation" is not read by orghealth: its 03/04/2025 is no reason to stop
    src.write_text('"Project","User","Email","Start Date","Duration (h)","Date of creation"\n'
                   '"P","Ann Lee","ann@x.test","2025-03-04","01:00:00","03/04/2025"\n', encoding="utf-8")
    report = ingest_paths([src], tmp_path / "x.duckdb")
    assert report.rows_loaded == 1


@pytest.mark.parametrize("text, order, expected", [
    ("2025-03-14 13:11:39 +01:00", "dmy", "2025-03-14 12:11:39"),
    ("2025-03-14T13:11:39.903Z", "dmy", "2025-03-14 13:11:39"),
    ("2025-03-14T13:11:39-0500", "dmy", "2025-03-14 18:11:39"),
    ("3/4/25 1:05 PM", "mdy", "2025-03-04 13:05:00"),
    ("3/4/25 1:05 PM", "dmy", "2025-04-03 13:05:00"),
    ("02-13-2025 15:46:06", "mdy", "2025-02-13 15:46:06"),
    ("2025/03/17 10:10", "dmy", "2025-03-17 10:10:00"),
    ("07.01.25", "mdy", "2025-01-07 00:00:00"),
    ("26.01.2015", "mdy", "2015-01-26 00:00:00"),
])
def test_times_with_offsets_and_am_pm_read_to_utc(text, order, expected):
    from orghealth.ingest import BASE_MACROS, define_parsers
    from orghealth.ingest.dates import WHEN_MACRO

    con = duckdb.connect()
    con.execute(BASE_MACROS)
    define_parsers(con, order)
    con.execute(WHEN_MACRO)
    got = con.execute("select strftime(oh_when($t), '%Y-%m-%d %H:%M:%S')", {"t": text}).fetchall()
    assert got == [(expected,)]
