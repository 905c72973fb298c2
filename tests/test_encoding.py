"""Files from spreadsheets in other encodings, and garbled names, become clean UTF-8 text."""

from __future__ import annotations

from pathlib import Path

import pytest

from orghealth.errors import InputError
from orghealth.ingest import encoding
from orghealth.ingest.encoding import Workspace, repair_text, sniff_encoding

TEXT = "Name,City\r\nJürgen Groß,Köln\r\nAnaïs Dupré,Besançon\r\n"


@pytest.mark.parametrize("codec, found", [
    ("utf-8", "utf-8"), ("cp1252", "cp1252"), ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"),
    ("utf-16-be", "utf-16-be"),
])
def test_encodings_are_found_and_copied_as_utf8(tmp_path, codec, found):
    src = tmp_path / "people.csv"
    src.write_bytes(TEXT.encode(codec))
    assert sniff_encoding(src) == found
    with Workspace() as ws:
        text = ws.prepare(src)
        assert text.original == src
        assert text.converted == (found != "utf-8")
        assert text.path.name == "people.csv"
        assert text.path.read_bytes().decode("utf-8") == TEXT     # line ends kept
    assert not text.path.exists() or not text.converted           # the copy is gone afterwards


def test_latin1_bytes_windows_1252_leaves_undefined(tmp_path):
    src = tmp_path / "x.csv"
    src.write_bytes("a,b\nJosé,\x81\n".encode("latin-1"))
    assert sniff_encoding(src) == "latin-1"


def test_mojibake_is_repaired_only_when_unambiguous():
    fixed, n = repair_text("O‚ÄôConnor; CafÃ© MÃ¼ller â€“ done")
    assert fixed == "O’Connor; Café Müller – done" and n == 4
    # real accented text is left alone, including pairs that would decode to other scripts
    clean = "l’été, naïve, Ölfeld, fiancé’s “quoted”"
    assert repair_text(clean) == (clean, 0)


def test_repair_works_across_block_boundaries(tmp_path, monkeypatch):
    monkeypatch.setattr(encoding, "BLOCK", 7)
    src = tmp_path / "owners.csv"
    src.write_text("owner\n" + "Sean O‚ÄôConnor\n" * 20, encoding="utf-8")
    with Workspace() as ws:
        text = ws.prepare(src)
        assert text.converted and text.repaired == 20
        assert text.path.read_text(encoding="utf-8") == "owner\n" + "Sean O’Connor\n" * 20
        assert "20 garbled character(s) repaired" in text.describe()


def test_clean_utf8_is_read_in_place(tmp_path):
    src = tmp_path / "ok.csv"
    src.write_text(TEXT, encoding="utf-8")
    with Workspace() as ws:
        assert ws.prepare(src).path == src


def test_errors_about_the_copy_name_the_original(tmp_path):
    src = tmp_path / "latin.csv"
    src.write_bytes(TEXT.encode("cp1252"))
    with Workspace() as ws:
        text = ws.prepare(src)

        def fail(path: Path):
            raise InputError("broken", file=path)

        with pytest.raises(InputError) as e:
            ws.named(text, fail, text.path)
    assert Path(e.value.file) == src
