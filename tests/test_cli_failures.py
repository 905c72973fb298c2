"""A failing disk, a closed pipe or a file named twice ends in one line, never a traceback,
and never in rows counted twice."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

from orghealth import db as dbfile
from orghealth.cli import main
from orghealth.ingest import ingest_paths

BASIC = Path(__file__).parent / "fixtures" / "exports" / "basic"


def test_a_full_disk_is_one_line_and_the_previous_database_stays(tmp_path, capsys, monkeypatch):
    target = tmp_path / "company.duckdb"
    ingest_paths([BASIC], target)
    before = target.read_bytes()

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(dbfile, "building", full)
    assert main(["ingest", str(BASIC), "--db", str(target)]) == 2
    err = capsys.readouterr().err
    assert "the disk is full" in err and "previous database is unchanged" in err
    assert "Traceback" not in err
    assert target.read_bytes() == before


def test_check_into_a_pipe_that_closes_ends_quietly(tmp_path):
    target = tmp_path / "company.duckdb"
    ingest_paths([BASIC], target)
    # `true` reads nothing and exits at once, as `head -1` does after its line: the pipe is
    # closed before check writes
    run = subprocess.run(
        f'"{sys.executable}" -m orghealth check --db "{target}" | true',
        shell=True, capture_output=True, text=True, timeout=120, check=False)
    assert "BrokenPipeError" not in run.stderr and "Traceback" not in run.stderr


def test_a_file_named_twice_is_read_once(tmp_path):
    harvest = BASIC / "harvest_time_report_from2025-01-01to2025-03-31.csv"
    once = ingest_paths([BASIC], tmp_path / "once.duckdb")
    twice = ingest_paths([BASIC, harvest, str(harvest)], tmp_path / "twice.duckdb")
    assert (twice.rows_read, twice.rows_loaded) == (once.rows_read, once.rows_loaded)
    assert len(twice.files) == len(once.files)
