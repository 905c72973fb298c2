"""Hours no one could have worked, and dates no one worked on, are rejected with a reason in
the step every time tool shares, so they never reach a total, a rollup or the data window."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from orghealth.ingest import ingest_paths

BASIC = Path(__file__).parent / "fixtures" / "exports" / "basic"
HR = BASIC / "bamboohr_job_history.csv"
HARVEST_HEADER = "Date,Client,Project,Task,Notes,Hours,First Name,Last Name\n"
ABSURD_HARVEST = ["inf", "NaN", "1e309", "10000", "1_000", "745", "-inf"]
ABSURD_TOGGL = ["99999:00:00", "1e3", "NaN", "744:00:01"]


def _load(tmp: Path, name: str, text: str) -> duckdb.DuckDBPyConnection:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    db = tmp / "x.duckdb"
    ingest_paths([HR, path], db)
    return duckdb.connect(str(db), read_only=True)


def test_absurd_or_non_finite_harvest_hours_are_rejected(tmp_path):
    rows = "".join(f"2025-01-{6 + i:02d},Acme,Acme rollout,Implementation,,{h},Ann,Lee\n"
                   for i, h in enumerate(ABSURD_HARVEST))
    con = _load(tmp_path, "harvest_time_report_2025.csv",
                HARVEST_HEADER + rows + "2025-01-20,Acme,Acme rollout,Implementation,,24,Ann,Lee\n")
    (total,) = con.execute("select sum(hours) from time_entries").fetchone()
    assert total == 24
    reasons = [r for (r,) in con.execute("select reason from rejects order by line").fetchall()
               if r.startswith("Hours")]
    assert len(reasons) == len(ABSURD_HARVEST)
    assert all("not a number of hours anyone could" in r or "is negative" in r
               for r in reasons), reasons


def test_absurd_toggl_durations_are_rejected(tmp_path):
    header = ("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
              "End date,End time,Duration,Tags\n")
    rows = "".join(f"Ann Lee,ann@acme.test,Acme,Acme rollout,,work,Yes,2025-01-{6 + i:02d},"
                   f"09:00:00,2025-01-{6 + i:02d},17:00:00,{d},\n"
                   for i, d in enumerate(ABSURD_TOGGL))
    con = _load(tmp_path, "Toggl_time_entries_2025-01-06_to_2025-01-12.csv",
                "\ufeff" + header + rows + "Ann Lee,ann@acme.test,Acme,Acme rollout,,work,Yes,"
                "2025-01-20,09:00:00,2025-01-20,17:00:00,08:00:00,\n")
    assert con.execute("select sum(hours) from time_entries").fetchone() == (8.0,)
    assert con.execute("select count(*) from rejects where reason like "
                       "'%not a number of hours anyone could%'").fetchone() == (len(ABSURD_TOGGL),)


@pytest.mark.parametrize("cell", ["0001-01-01", "1899-12-30", "1970-01-01"])
def test_dates_before_1990_are_rejected_and_never_stretch_the_window(tmp_path, cell):
    con = _load(tmp_path, "harvest_time_report_2025.csv", HARVEST_HEADER
                + f"{cell},Acme,Acme rollout,Implementation,,2,Ann,Lee\n"
                + "2025-01-07,Acme,Acme rollout,Implementation,,3,Ann,Lee\n")
    assert con.execute("select count(*), min(date) from time_entries").fetchone()[0] == 1
    (reason,) = con.execute("select reason from rejects where reason like 'Date:%'").fetchone()
    assert "before 1990" in reason
    (start,) = con.execute("select value from build_info where key = 'data_start'").fetchone()
    assert start >= "2020"
