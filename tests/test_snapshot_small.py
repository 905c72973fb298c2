"""A small company built here: a group of four never appears in a snapshot, the command line
pseudonymizes and shows progress, and the dashboard's Export page builds a download."""

from __future__ import annotations

import base64
import datetime as dt
import re
import subprocess
import sys

import pytest
from conftest import chromium_path, dashboard

from orghealth.snapshot import SnapshotOptions, build_deck
from orghealth.snapshot.build import snapshot_file
from orghealth.snapshot.write import draw_charts, write_deck

HEADER = ("Employee #,First Name,Last Name,Work Email,Effective Date,Job Title,Department,"
          "Division,Location,Reports To,Hire Date,Termination Date,Employment Status")
HARBOR = "Professional Services - Harbor"   # seven people, under Sales
TINY = "Professional Services - Tinyteam"   # four people: under the minimum of five


def _people() -> list[tuple[str, str, str, str, str]]:
    """(id, first, last, title, department, manager full name) rows of a small company."""
    rows = [
        ("1", "Quinn", "Abernathy", "Chief Executive Officer", "Office of the CEO", ""),
        ("2", "Rosalind", "Featherstone", "VP Sales", "Sales", "Quinn Abernathy"),
        ("3", "Thaddeus", "Wainwright", "Chief Operating Officer", "Office of the CEO",
         "Quinn Abernathy"),
        ("10", "Ignatius", "Pemberton", "Head of Professional Services", HARBOR,
         "Rosalind Featherstone"),
        ("20", "Octavia", "Lindqvist", "Head of Professional Services", TINY,
         "Thaddeus Wainwright"),
    ]
    rows += [(str(11 + i), f"Harbor{i}", "Consultant", "Consultant", HARBOR, "Ignatius Pemberton")
             for i in range(6)]
    rows += [(str(21 + i), f"Tiny{i}", "Consultant", "Consultant", TINY, "Octavia Lindqvist")
             for i in range(3)]
    rows += [(str(31 + i), f"Seller{i}", "Rep", "Account Executive", "Sales",
              "Rosalind Featherstone") for i in range(5)]
    return rows


@pytest.fixture(scope="module")
def small_db(tmp_path_factory):
    from orghealth.ingest import ingest_paths

    folder = tmp_path_factory.mktemp("small_company")
    lines = [HEADER]
    for pid, first, last, title, dept, manager in _people():
        lines.append(f"{pid},{first},{last},{first.lower()}@example.com,01/15/2025,{title},"
                     f"{dept},,Remote,{manager},01/15/2025,,Active")
    (folder / "bamboohr_job_history.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = folder / "small.duckdb"
    ingest_paths([folder / "bamboohr_job_history.csv"], db)
    return db


def _all_text(files: dict, deck) -> str:
    from pptx import Presentation
    from pypdf import PdfReader

    parts = []
    if deck is not None:
        parts += list(deck.texts()) + [c.figure.to_json() for c in deck.charts()]
    for slide in Presentation(str(files["pptx"])).slides if "pptx" in files else []:
        for sh in slide.shapes:
            if sh.has_text_frame:
                parts.append(sh.text_frame.text)
            if sh.has_table:
                parts += [c.text for row in sh.table.rows for c in row.cells]
    if "pdf" in files:
        parts += [p.extract_text() or "" for p in PdfReader(str(files["pdf"])).pages]
    raw = files["html"].read_text(encoding="utf-8")
    parts.append(raw)
    parts += [base64.b64decode(m).decode("utf-8", "replace")
              for m in re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", raw)]
    return "\n".join(parts)


def test_a_group_of_four_never_appears(small_db, tmp_path):
    chromium_path()
    deck = build_deck(small_db, SnapshotOptions(min_group_size=5))
    draw_charts(deck, ("png", "svg"))
    files = {fmt: write_deck(deck, tmp_path / f"d.{fmt}") for fmt in ("pptx", "pdf", "html")}
    text = _all_text(files, deck)
    assert "Tinyteam" not in text
    assert "Professional services" in text or "Harbor" in text  # the deck is not empty


def test_a_lower_minimum_shows_the_small_group(small_db):
    deck = build_deck(small_db, SnapshotOptions(min_group_size=3))
    text = "\n".join(deck.texts()) + "".join(c.figure.to_json() for c in deck.charts())
    assert "Tinyteam" in text


def test_cli_pseudonymized_html_with_progress(small_db, tmp_path):
    chromium_path()
    out = tmp_path / "deck.html"
    done = subprocess.run([sys.executable, "-m", "orghealth", "snapshot", "--db", str(small_db),
                           "--out", str(out), "--pseudonymize"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "drawing chart 1 of" in done.stderr and "[100%]" in done.stderr
    assert done.stdout.strip() == str(out)
    text = _all_text({"html": out}, None)
    for _, first, last, *_ in _people():
        assert f"{first} {last}" not in text
    assert "Person " in text


def test_download_zip_holds_the_charts(small_db):
    import io
    import zipfile

    chromium_path()
    name, data, mime = snapshot_file(small_db, "Charts as PNG pictures (.zip)",
                                     today=dt.date(2026, 3, 1))
    assert name == "orghealth-snapshot-2026-03-01.zip" and mime == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "contents.txt" in names and any(n.endswith(".png") for n in names)


def test_export_page_builds_a_download(small_db, monkeypatch, tmp_path):
    import streamlit as st
    chromium_path()
    st.cache_data.clear()
    st.cache_resource.clear()
    at = dashboard(monkeypatch, tmp_path, small_db).run()
    at.switch_page("pages/snapshot.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.get("download_button")
    at.radio(key="snapshot_format").set_value("Web page (.html, opens offline)")
    at.checkbox(key="snapshot_pseudonymize").check()
    at.button(key="snapshot_build").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert len(at.get("download_button")) == 1
