"""Snapshots of the bundled company: every format, the same numbers as `signals --json`,
no real name under --pseudonymize, and pages that are not blank."""

from __future__ import annotations

import base64
import html
import json
import re
import subprocess
import sys
import unicodedata

import pytest
from conftest import chromium_path

from orghealth import charts
from orghealth.snapshot import SnapshotOptions, build_deck
from orghealth.snapshot.write import draw_charts, write_deck


def _signals_json(db) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "orghealth", "signals", "--db", str(db),
                           "--json"], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _pptx_slides(path) -> list[dict]:
    """Each slide's title, key figure and all of its text (text boxes and tables)."""
    from pptx import Presentation

    out = []
    for slide in Presentation(str(path)).slides:
        texts, title, key = [], None, None
        for sh in slide.shapes:
            if sh.has_text_frame:
                texts.append(sh.text_frame.text)
                title = sh.text_frame.text if sh.name == "Title" else title
                key = sh.text_frame.text if sh.name == "Key figure" else key
            if sh.has_table:
                texts += [c.text for row in sh.table.rows for c in row.cells]
        out.append({"title": title, "key": key, "text": "\n".join(texts)})
    return out


def _pdf_pages(path) -> list[str]:
    from pypdf import PdfReader

    # NFKC: the PDF's text has ligatures ("ﬂ") where the words have two letters
    return [re.sub(r"\s+", " ", unicodedata.normalize("NFKC", p.extract_text() or ""))
            for p in PdfReader(str(path)).pages]


def _html_text(path) -> str:
    """The page's words plus the words inside its embedded SVG charts."""
    raw = path.read_text(encoding="utf-8")
    svgs = [base64.b64decode(m).decode("utf-8", "replace")
            for m in re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", raw)]
    return html.unescape(re.sub(r"<[^>]+>", " ", "\n".join([raw, *svgs])))


def _write_all(deck, out) -> dict:
    """Every format from one deck; the charts are drawn once, as PNG, by one Chromium (the
    HTML and PDF then carry the PNG; their own SVG path is tested in test_snapshot_render)."""
    draw_charts(deck, ("png",))
    files = {fmt: write_deck(deck, out / f"deck.{fmt}") for fmt in ("pptx", "pdf", "html")}
    files["png"] = write_deck(deck, out / "charts")
    return files


@pytest.fixture(scope="module")
def plain(sample_db, tmp_path_factory):
    chromium_path()
    deck = build_deck(sample_db)
    return deck, _write_all(deck, tmp_path_factory.mktemp("snapshot"))


@pytest.fixture(scope="module")
def aliased(sample_db, tmp_path_factory):
    chromium_path()
    deck = build_deck(sample_db, SnapshotOptions(pseudonymize=True))
    return deck, _write_all(deck, tmp_path_factory.mktemp("aliased"))


@pytest.fixture(scope="module")
def expected(sample_db) -> list[dict]:
    return _signals_json(sample_db)


def test_deck_has_title_summary_signs_case_and_appendix(plain, expected):
    deck, files = plain
    titles = [s["title"] for s in _pptx_slides(files["pptx"])]
    assert titles[0] == "Sales and Services health"
    assert titles[1] == "Health summary"
    assert "The case for an independent reporting line" in titles
    assert "Appendix: method" in titles and "Appendix: thresholds" in titles
    assert any(t.startswith("Appendix: data quality") for t in titles)
    flagged = [s for s in expected if s["status"] in ("red", "amber")]
    assert any(s["status"] == "red" for s in expected), "the bundled company has red signs"
    for s in flagged:
        assert titles.count(s["title"]) == 1, s["title"]
    signal_titles = [sl.title for sl in deck.slides if sl.kind == "signal"]
    assert set(signal_titles) == {s["title"] for s in flagged}


def test_title_page_names_window_and_database(plain, sample_db, expected):
    from orghealth.db import content_hash

    slides = _pptx_slides(plain[1]["pptx"])
    first = slides[0]["text"]
    # the hash is for the appendix, not the cover
    assert content_hash(sample_db) not in first
    method = next(s for s in slides if s["title"] == "Appendix: method")
    assert content_hash(sample_db) in method["text"]
    # the cover carries the case's verdict, the same sentence the case leads with
    case = next(s for s in slides if s["title"] == "The case for an independent reporting line")
    assert "moved into Sales in" in first and "Timing, not proof of cause." in first
    verdict = next(line for line in first.splitlines() if "moved into Sales in" in line)
    assert verdict in case["text"]
    assert "As of " in first and "Data window: " in first
    red = sum(1 for s in expected if s["status"] == "red")
    assert f"{red} signs need action now" in first


def test_key_figures_equal_signals_json(plain, expected):
    slides = {s["title"]: s for s in _pptx_slides(plain[1]["pptx"])}
    for s in expected:
        if s["status"] not in ("red", "amber"):
            continue
        shown = slides[s["title"]]["key"]
        assert shown == charts.format_value(s["value"], s["unit"]), s["id"]
        # and the number read back from the slide is the JSON's, to the digits shown
        digits = re.match(r"-?[\d,]+(\.(\d+))?", shown)
        places = len(digits.group(2) or "")
        number = float(digits.group(0).replace(",", ""))
        as_share = charts.is_percent(s["unit"]) and s["unit"].strip() not in ("%", "percent", "pct")
        scale = 100 if as_share else 1
        assert number == pytest.approx(s["value"] * scale, abs=0.5 * 10 ** -places + 1e-9)


def test_every_red_sign_has_its_pdf_page_with_its_figure(plain, expected):
    pages = _pdf_pages(plain[1]["pdf"])
    assert len(pages) == len(plain[0].slides)
    for s in expected:
        if s["status"] != "red":
            continue
        hits = [p for p in pages if s["title"] in p and "ACT NOW" in p]
        assert len(hits) == 1, s["title"]
        assert charts.format_value(s["value"], s["unit"]) in hits[0]


def test_summary_lists_every_sign_with_its_value(plain, expected):
    summary = _pptx_slides(plain[1]["pptx"])[1]["text"]
    for s in expected:
        assert s["title"] in summary
        if s["value"] is not None:
            assert charts.format_value(s["value"], s["unit"]) in summary


def test_html_matches_and_opens_offline(plain, expected):
    text = _html_text(plain[1]["html"])
    raw = plain[1]["html"].read_text(encoding="utf-8")
    assert not re.search(r"(src|href)=\"(https?:)?//", raw)
    for s in expected:
        if s["status"] in ("red", "amber"):
            assert s["title"] in text
            assert charts.format_value(s["value"], s["unit"]) in text


def test_pdf_first_pages_are_not_blank(plain):
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(plain[1]["pdf"]))
    for i in range(min(4, len(pdf))):
        img = pdf[i].render(scale=0.4).to_pil().convert("L")
        hist = img.histogram()
        lo, hi = img.getextrema()
        assert hi - lo > 100, f"page {i + 1} has no contrast"
        assert max(hist) < 0.985 * sum(hist), f"page {i + 1} is nearly one colour"


def _real_names(db) -> set[str]:
    from orghealth.db import connect_readonly

    con = connect_readonly(db)
    try:
        rows = con.execute("select distinct name from people where name is not null").fetchall()
    finally:
        con.close()
    return {r[0] for r in rows if len(r[0]) > 3}


def test_pseudonymize_leaves_no_real_name(aliased, sample_db):
    deck, files = aliased
    names = _real_names(sample_db)
    assert len(names) > 100
    texts = {
        "pptx": "\n".join(s["text"] for s in _pptx_slides(files["pptx"])),
        "pdf": "\n".join(_pdf_pages(files["pdf"])),
        "html": _html_text(files["html"]),
        "charts": "\n".join(c.figure.to_json() for c in deck.charts()),
        "deck": "\n".join(deck.texts()),
    }
    for where, text in texts.items():
        low = text.lower()
        leaked = sorted(n for n in names if n.lower() in low)
        assert not leaked, f"{where} shows {leaked[:5]}"
    assert "Person " in texts["pdf"] or "alias" in texts["pdf"]


def test_pseudonymized_numbers_are_unchanged(plain, aliased):
    def keys(deck):
        return {s.signal_id: s.key_figure for s in deck.slides if s.kind == "signal"}

    assert keys(plain[0]) == keys(aliased[0])


def test_png_folder_holds_every_chart(plain):
    deck, files = plain
    pngs = sorted(files["png"].glob("*.png"))
    assert len(pngs) == len(deck.charts())
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    listing = (files["png"] / "contents.txt").read_text(encoding="utf-8")
    assert deck.db_hash in listing
    for s in deck.slides:
        if s.kind == "signal":
            assert f"{s.title} — {s.key_figure}" in listing


def test_cli_refuses_unknown_ending_and_missing_db(sample_db, tmp_path, capsys):
    from orghealth.cli import main

    assert main(["snapshot", "--db", str(sample_db), "--out", str(tmp_path / "deck.docx")]) == 2
    assert ".pptx, .pdf or .html" in capsys.readouterr().err
    assert main(["snapshot", "--db", str(tmp_path / "none.duckdb"),
                 "--out", str(tmp_path / "d.pdf")]) == 2
    err = capsys.readouterr().err
    assert "no database here" in err and "orghealth ingest" in err
    assert not list(tmp_path.glob("*.pdf"))


def test_case_follows_the_snapshot_period(sample_db):
    """A period that ends before the planted move has no before and after to compare; the
    deck's case says so instead of showing findings from months outside the period."""
    import datetime as dt

    def case_text(options):
        deck = build_deck(sample_db, options)
        slide = next(s for s in deck.slides
                     if s.title == "The case for an independent reporting line")
        return "\n".join(text for _, text in slide.sections)

    whole = case_text(SnapshotOptions())
    early = case_text(SnapshotOptions(date_from=dt.date(2024, 11, 1),
                                      date_to=dt.date(2025, 6, 30)))
    assert "moved under Sales in October 2025" in whole
    assert "moved under Sales in October 2025" not in early
    assert "No PS unit moved under Sales inside this period" in early


def test_every_slide_has_speaker_notes_and_no_command_line(plain):
    from pptx import Presentation

    prs = Presentation(str(plain[1]["pptx"]))
    for i, slide in enumerate(prs.slides, start=1):
        assert slide.has_notes_slide, f"slide {i} has no speaker notes"
        assert len(slide.notes_slide.notes_text_frame.text) > 20, f"slide {i}"
    for s in _pptx_slides(plain[1]["pptx"]):
        command = re.search(r"orghealth (compare|signals|check|ingest|serve|snapshot --)|\s--[a-z]",
                            s["text"])
        assert command is None, (s["title"], command)


def test_cover_warns_when_the_data_ends_long_before_the_date():
    import datetime as dt

    from orghealth.snapshot import content

    late = content.stale_warning(dt.date(2026, 12, 1), dt.date(2026, 3, 31))
    assert "the data ends on 31 Mar 2026, 245 days before" in late
    assert content.stale_warning(dt.date(2026, 4, 10), dt.date(2026, 3, 31)) == ""
