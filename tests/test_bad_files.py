"""The bad-file corpus: every file in tests/bad_files/ gives exactly the outcome expected.yml
records for it — refused with a clear message (exit 2), or loaded with each row either loaded
or rejected with a reason. A traceback fails the test."""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

import duckdb
import pytest
import yaml

from orghealth.cli import main

BAD = Path(__file__).parent / "bad_files"
EXPECTED = yaml.safe_load((BAD / "expected.yml").read_text(encoding="utf-8"))
sys.path.insert(0, str(BAD))
from outcome import ingest_outcome  # noqa: E402


def test_the_corpus_is_complete_and_each_file_has_one_expectation():
    on_disk = {p.name for p in BAD.iterdir() if p.suffix in (".csv", ".json")}
    assert on_disk == set(EXPECTED)
    assert len(on_disk) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_gives_its_expected_outcome(name, tmp_path):
    want = EXPECTED[name]
    db = tmp_path / "company.duckdb"
    got = ingest_outcome(BAD / name, db)
    assert got["exit"] == want["exit"], got["message"]
    assert "Traceback" not in got["message"]
    if want["exit"] == 2:
        assert want["message"] in got["message"]
        assert name in got["message"], "the message names the file"
        assert "What to do" in got["message"]
        assert not db.exists(), "a refused file writes no database"
        return
    assert (got["read"], got["loaded"], got["rejected"]) == (
        want["read"], want["loaded"], want["rejected"])
    assert got["read"] == got["loaded"] + got["rejected"]
    assert len(got["reasons"]) == got["rejected"]
    assert all(r and r.strip() for r in got["reasons"]), "every reject has a reason"
    for phrase, reason in zip(want.get("reasons", []), got["reasons"], strict=True):
        assert phrase in reason
    if "check" in want:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["check", "--db", str(db)]) == 0
        assert want["check"] in out.getvalue()


def test_a_refused_file_leaves_the_previous_database_alone(tmp_path):
    db = tmp_path / "company.duckdb"
    assert ingest_outcome(BAD / "harvest_bad_date.csv", db)["exit"] == 0
    before = db.read_bytes()
    assert ingest_outcome(BAD / "binary_junk.csv", db)["exit"] == 2
    assert db.read_bytes() == before
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from time_entries").fetchone() == (2,)
    con.close()
