"""A mapping reads CSV; any other file it would take, and settings not written in TOML, are
refused with a message naming the file and what to do — never a misleading 'columns missing'."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from orghealth.cli import main

SETTINGS = """[[mapping]]
name = "tracker"
table = "tickets"
files = ["tracker_export_*"]
[mapping.columns]
ticket_id = "Ref"
created_at = "Opened"
"""


def _ingest(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["ingest", *args])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "orghealth.toml").write_text(SETTINGS, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("extra", [[], ["--as", "tracker"]])
def test_a_json_file_picked_by_a_mapping_is_refused_plainly(folder, extra):
    path = folder / "tracker_export_2.json"
    path.write_text('[{"Ref": "T-1", "Opened": "2025-01-02"}]', encoding="utf-8")
    db = folder / "company.duckdb"
    code, _, err = _ingest(str(path), "--db", str(db), "--config", str(folder / "orghealth.toml"), *extra)
    assert code == 2
    assert "tracker_export_2.json" in err and "a mapping reads CSV files" in err
    assert "this file ends in .json" in err and "What to do" in err
    assert "missing" not in err and "Traceback" not in err
    assert not db.exists()


def test_tab_separated_text_is_still_read_by_the_mapping(folder):
    path = folder / "tracker_export_3.tsv"
    path.write_text("Ref\tOpened\nT-1\t2025-01-02\nT-2\tnot a day\n", encoding="utf-8")
    code, out, _ = _ingest(str(path), "--db", str(folder / "c.duckdb"),
                           "--config", str(folder / "orghealth.toml"))
    assert code == 0
    assert "(tracker → tickets): 2 read, 1 loaded, 1 rejected" in out


def test_settings_in_yaml_are_refused_with_what_to_do(folder):
    settings = folder / "mapping.yaml"
    settings.write_text("mapping:\n  - name: tracker\n    table: tickets\n", encoding="utf-8")
    path = folder / "tracker_export_1.csv"
    path.write_text("Ref,Opened\nT-1,2025-01-02\n", encoding="utf-8")
    code, _, err = _ingest(str(path), "--db", str(folder / "c.duckdb"), "--config", str(settings))
    assert code == 2
    assert "mapping.yaml" in err and "settings are read from TOML, and this is a YAML file" in err
    assert "What to do" in err
