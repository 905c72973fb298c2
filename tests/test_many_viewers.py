"""Ten viewers at once on the running dashboard while an ingest swaps in a new database:
no error on any page, and after the swap every viewer gets the new data."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter

import pytest
from conftest import chromium_path
from test_browser import CHROMIUM_ARGS, PAGES, errors_on, free_port, settle, stop, wait_healthy

from orghealth.paths import ROOT

VIEWERS = 10
ORDER = ["red", "amber", "green", "insufficient_data"]   # the overview's headline counts


def status_counts(db) -> list[str]:
    out = subprocess.run([sys.executable, "-m", "orghealth", "signals", "--db", str(db),
                          "--json"], cwd=ROOT, capture_output=True, text=True, check=True)
    counts = Counter(s["status"] for s in json.loads(out.stdout))
    return [str(counts[s]) for s in ORDER]


def headline(page) -> list[str]:
    values = page.locator('.st-key-health_counts [data-testid="stMetricValue"]')
    values.first.wait_for(timeout=120_000)
    return [v.strip() for v in values.all_inner_texts()]


def test_a_swapped_file_is_read_afresh_in_the_same_process(sample_db, tmp_path, monkeypatch):
    """DuckDB hands out the database it has open under a file name, even after the file was
    replaced; the dashboard's connection must see the new file."""
    from orghealth import db as dbfile
    from orghealth import ui

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    db = tmp_path / "company.duckdb"
    shutil.copy(sample_db, db)
    old = ui._connection(str(db), dbfile.fingerprint(db)).execute(
        "select count(*) from people").fetchone()
    small = ROOT / "tests" / "fixtures" / "exports" / "basic"
    from orghealth.ingest import ingest_paths

    ingest_paths([small], db)
    new = ui._connection(str(db), dbfile.fingerprint(db)).execute(
        "select count(*) from people").fetchone()
    assert new != old
    assert not [p.name for p in tmp_path.iterdir() if ".view-" in p.name], "no links left"


@pytest.mark.browser
def test_ten_viewers_through_a_database_swap(sample_db, healthy_dir, tmp_path):
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    db = tmp_path / "company.duckdb"
    shutil.copy(sample_db, db)
    before = status_counts(db)
    port = free_port()
    env = {**os.environ, "ORGHEALTH_DB": str(db), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    log = open(tmp_path / "streamlit.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless",
         "true", "--server.address", "127.0.0.1", "--server.port", str(port),
         "--browser.gatherUsageStats", "false", "--client.toolbarMode", "viewer"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    ingest = None
    try:
        wait_healthy(base, server)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            contexts = [browser.new_context(viewport={"width": 1400, "height": 1600})
                        for _ in range(VIEWERS)]
            pages = [c.new_page() for c in contexts]
            # everyone starts on the overview, which shows the old data
            for page in pages:
                page.goto(base + "/", wait_until="commit")
            for page in pages:
                settle(page)
                assert headline(page) == before
                assert not errors_on(page)
            ingest = subprocess.Popen([sys.executable, "-m", "orghealth", "ingest",
                                       str(healthy_dir), "--db", str(db)], cwd=ROOT,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                      text=True)
            # while it runs, the viewers walk through the pages, all at once
            visits, step = 0, 0
            while ingest.poll() is None or step == 0:
                for i, page in enumerate(pages):
                    address, _ = PAGES[(i + step) % len(PAGES)]
                    page.goto(f"{base}/{address}", wait_until="commit")
                for i, page in enumerate(pages):
                    settle(page)
                    found = errors_on(page)
                    assert not found, (PAGES[(i + step) % len(PAGES)], found)
                    visits += 1
                step += 1
            assert ingest.wait() == 0, ingest.stderr.read()
            after = status_counts(db)
            assert after != before, "the new database tells a different story"
            for page in pages:
                page.goto(base + "/", wait_until="commit")
            for page in pages:
                settle(page)
                assert not errors_on(page)
                assert headline(page) == after, "the viewer sees the new data"
            print(f"\nviewers: {VIEWERS} sessions held, {visits} page visits during the "
                  f"swap, then all on the new data")
            browser.close()
    finally:
        if ingest is not None and ingest.poll() is None:
            ingest.kill()
        stop(server)
        log.close()
