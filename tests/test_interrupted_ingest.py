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


def test_killed_ingests_leave_the_previous_database_intact(sample_db, healthy_dir, tmp_path):
    db = tmp_path / "company.duckdb"
    shutil.copy(sample_db, db)
    before = orghealth("signals", "--db", str(db), "--json")
    assert before.returncode == 0, before.stderr
    assert '"id"' in before.stdout
    original = db.read_bytes()

    rng = random.Random(SEED)
    survived = 0
    for _ in range(KILLS):
        proc = subprocess.Popen([sys.executable, "-m", "orghealth", "ingest", str(healthy_dir),
                                 "--db", str(db)], cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        # wait until it is really loading (its first progress line), then a random moment more
        first = proc.stderr.readline()
        assert "Loading" in first or "[" in first, first
        time.sleep(rng.uniform(0.0, 2.5))
        assert proc.poll() is None, "the ingest ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stderr.close()
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
