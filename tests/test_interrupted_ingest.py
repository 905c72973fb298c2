"""An ingest killed at random points (SIGKILL: no clean-up runs) leaves the previous database
as it was: it opens, and `signals --json` gives exactly the same output. What the killed runs
left behind does not stop the next ingest."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time

import duckdb

from orghealth.paths import ROOT

KILLS = 4
SEED = 11


def orghealth(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "orghealth", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def start_ingest(source, db) -> subprocess.Popen:
    """An ingest in its own process, returned once it is really loading (its first progress line)."""
    proc = subprocess.Popen([sys.executable, "-m", "orghealth", "ingest", str(source),
                             "--db", str(db)], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    first = proc.stderr.readline()
    assert "Loading" in first or "[" in first, first
    return proc


def timed_ingest(source, db) -> float:
    """Seconds from an ingest's first progress line to its end."""
    db.parent.mkdir(parents=True, exist_ok=True)
    proc = start_ingest(source, db)
    started = time.monotonic()
    proc.stderr.read()
    assert proc.wait(timeout=300) == 0
    proc.stderr.close()
    return time.monotonic() - started


def test_killed_ingests_leave_the_previous_database_intact(sample_db, healthy_dir, tmp_path):
    db = tmp_path / "company.duckdb"
    shutil.copy(sample_db, db)
    before = orghealth("signals", "--db", str(db), "--json")
    assert before.returncode == 0, before.stderr
    assert '"id"' in before.stdout
    original = db.read_bytes()

    # how long an ingest of this company takes here, so the kills land inside one
    duration = timed_ingest(healthy_dir, tmp_path / "probe" / "probe.duckdb")

    rng = random.Random(SEED)
    survived = attempts = 0
    while survived < KILLS:
        attempts += 1
        assert attempts <= 3 * KILLS, "the ingests kept finishing before they could be killed"
        proc = start_ingest(healthy_dir, db)
        time.sleep(rng.uniform(0.05, 0.6) * duration)
        if proc.poll() is not None:
            # finished first on a fast machine: put the old database back and try again
            proc.stderr.close()
            shutil.copy(sample_db, db)
            continue
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stderr.close()
        if proc.returncode == 0:
            # it finished between the look and the kill: the same as finishing first
            shutil.copy(sample_db, db)
            continue
        assert proc.returncode == -signal.SIGKILL

        assert db.read_bytes() == original
        con = duckdb.connect(str(db), read_only=True)
        con.execute("select count(*) from people").fetchone()
        con.close()
        after = orghealth("signals", "--db", str(db), "--json")
        assert after.returncode == 0, after.stderr
        assert after.stdout == before.stdout
        survived += 1
    print(f"\nkills survived: {survived}")

    # the next ingest runs to the end over whatever the killed ones left, and swaps in
    small = ROOT / "tests" / "fixtures" / "exports" / "basic"
    done = orghealth("ingest", str(small), "--db", str(db))
    assert done.returncode == 0, done.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from ingest_log").fetchone()[0] >= 5
    con.close()
    leftovers = [p.name for p in tmp_path.iterdir() if ".building-" in p.name]
    assert leftovers == [], f"temporary files left beside the database: {leftovers}"
