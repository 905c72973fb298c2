"""Uploads: only export types and sizes are taken, with a message that says why; a zip of
exports loads; nothing lands outside the app's data folder, whatever the names say."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from conftest import dashboard

from orghealth import ui
from orghealth.errors import InputError
from orghealth.paths import ROOT

BASIC = ROOT / "tests" / "fixtures" / "exports" / "basic"
HOSTILE_NAMES = ["../../etc/x.csv", "/etc/passwd.csv", "..\\..\\windows\\win.ini.csv",
                 "C:\\Users\\x\\evil.csv", "....//....//up.csv", "a/../../b.csv",
                 "~/.bashrc.csv", "name\x00.csv", "con.csv", "x" * 400 + ".csv"]


def zip_of(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name)   # keeps '../' and '/' as written (zip-slip)
            z.writestr(info, data)
    return buf.getvalue()


def everything_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


def test_hostile_names_and_zip_slip_land_inside_the_inbox(tmp_path):
    inbox, outside = tmp_path / "data" / "inbox", tmp_path
    before = everything_under(outside)
    files = [(name, b"a,b\n1,2\n") for name in HOSTILE_NAMES]
    files.append(("exports.zip", zip_of({f"../../../zipslip{i}.csv": b"a\n1\n"
                                         for i in range(3)}
                                        | {"/abs/root.csv": b"a\n", "ok/../../up.csv": b"a\n"})))
    written = ui.save_uploads(files, inbox)
    assert len(written) == len(HOSTILE_NAMES) + 5, "every file kept, none silently dropped"
    assert all(p.parent == inbox.resolve() for p in written)
    assert all(not p.name.startswith(".") and "/" not in p.name for p in written)
    new = everything_under(outside) - before
    assert all(inbox.resolve() == p.resolve() or inbox.resolve() in p.resolve().parents
               or p.resolve() in inbox.resolve().parents for p in new), new
    assert not Path("/etc/x.csv").exists() and not Path("/abs/root.csv").exists()


@pytest.mark.parametrize("name", ["report.exe", "deck.pdf", "photo.png", "script.sh", "noext"])
def test_other_file_types_are_refused_with_the_reason(tmp_path, name):
    with pytest.raises(InputError) as err:
        ui.save_uploads([(name, b"MZ\x90\x00")], tmp_path / "inbox")
    text = str(err.value)
    assert name in text and "cannot be loaded" in text and "CSV, JSON or Parquet" in text
    assert not any((tmp_path / "inbox").iterdir())


def test_types_inside_a_zip_and_zips_in_zips_are_refused(tmp_path):
    with pytest.raises(InputError, match=r"exports.zip: tools/run.exe.*cannot be loaded"):
        ui.save_uploads([("exports.zip", zip_of({"a.csv": b"a\n", "tools/run.exe": b"MZ"}))],
                        tmp_path / "inbox")
    with pytest.raises(InputError, match="a zip inside the zip"):
        ui.save_uploads([("exports.zip", zip_of({"inner.zip": zip_of({"a.csv": b"a\n"})}))],
                        tmp_path / "inbox2")


def test_size_limits_say_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setattr(ui, "MAX_FILE_BYTES", 1000)
    with pytest.raises(InputError) as err:
        ui.save_uploads([("big.csv", b"x" * 2000)], tmp_path / "inbox")
    assert "big.csv" in str(err.value) and "orghealth ingest" in str(err.value)
    # a zip's declared sizes are checked before anything is unpacked
    monkeypatch.setattr(ui, "MAX_UNPACKED_BYTES", 1500)
    monkeypatch.setattr(ui, "MAX_FILE_BYTES", 10_000)
    bomb = zip_of({"a.csv": b"0" * 1000, "b.csv": b"0" * 1000})
    with pytest.raises(InputError, match="unpacks to more than"):
        ui.save_uploads([("bomb.zip", bomb)], tmp_path / "inbox2")
    assert not (tmp_path / "inbox2").exists() or not any((tmp_path / "inbox2").iterdir())


def test_the_uploader_offers_only_the_types_save_uploads_takes():
    source = (ROOT / "src" / "orghealth" / "ui.py").read_text(encoding="utf-8")
    assert "type=[t.lstrip(\".\") for t in UPLOAD_TYPES]" in source


def test_a_zip_of_exports_loads_through_the_dashboard(tmp_path, monkeypatch, sample_db):
    archive = zip_of({f"exports/{p.name}": p.read_bytes() for p in BASIC.iterdir()}
                     | {"../../../../evil.csv": (BASIC / "projects.csv").read_bytes()})
    at = dashboard(monkeypatch, tmp_path, sample_db).run()
    at.sidebar.radio(key="source").set_value("upload").run()
    at.file_uploader(key="upload_files").set_value(
        ("exports.zip", archive, "application/zip")).run()
    at.button(key="upload_load").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    data = tmp_path / "cache" / "orghealth"
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written and all(data in p.parents for p in written), written
    accounting = at.sidebar.dataframe[0].value
    assert len(accounting) >= len(list(BASIC.iterdir()))
    assert (accounting["Rows read"] == accounting["Rows loaded"]
            + accounting["Rows set aside"]).all()
    assert not Path(os.sep, "evil.csv").exists()


def test_a_refused_upload_shows_the_reason_on_the_page(tmp_path, monkeypatch, sample_db):
    at = dashboard(monkeypatch, tmp_path, sample_db).run()
    at.sidebar.radio(key="source").set_value("upload").run()
    at.file_uploader(key="upload_files").set_value(
        ("exports.zip", zip_of({"run.exe": b"MZ"}), "application/zip")).run()
    at.button(key="upload_load").click().run()
    assert not at.exception
    assert any("cannot be loaded" in e.value for e in at.error), [e.value for e in at.error]
