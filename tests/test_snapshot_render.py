"""The snapshot writers on a small deck built here: every format opens and looks like slides."""

from __future__ import annotations

import io

import plotly.graph_objects as go
import pytest
from conftest import chromium_path

from orghealth import theme
from orghealth.errors import InputError
from orghealth.snapshot import model
from orghealth.snapshot.write import output_format, write_deck


def _figure(label: str) -> go.Figure:
    fig = go.Figure(go.Bar(x=["North", "South"], y=[3, 5], name=label))
    fig.update_layout(template=theme.TEMPLATE_NAME, title=label)
    return fig


def _deck() -> model.Deck:
    slides = [
        model.Slide(model.TITLE, "Sales and Services health", "Board snapshot",
                    bullets=["As of 1 Mar 2026", "Data Jan 2025 to Feb 2026"]),
        model.Slide(model.SUMMARY, "Health summary", bullets=["One sign needs action now."],
                    table=model.Table(["Sign", "Status"], [["Deferred work", "Act now"]],
                                      status_column=1)),
        model.Slide(model.SIGNAL, "Deferred work", status="red", key_figure="64%",
                    key_caption="red at 50%", sections=[("What to do", "Ring-fence time.")],
                    chart=model.Chart("03-deferred", _figure("Deferred work"))),
        model.Slide(model.CASE, "The reporting line", bullets=["Twice as many deferrals."],
                    chart=model.Chart("04-case", _figure("Reporting line"))),
        model.Slide(model.TEXT, "Method", sections=[("Where the numbers come from", "SQL.")]),
    ]
    return model.Deck("Sales and Services health", "1 Mar 2026", "Jan 2025 to Feb 2026",
                      "f" * 64, slides)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    chromium_path()
    out = tmp_path_factory.mktemp("render")
    return {fmt: write_deck(_deck(), out / name)
            for fmt, name in [("pptx", "d.pptx"), ("html", "d.html"), ("pdf", "d.pdf"),
                              ("png", "charts")]}


def test_output_format_from_path(tmp_path):
    assert output_format(tmp_path / "a.PPTX") == "pptx"
    assert output_format(tmp_path / "a.htm") == "html"
    assert output_format(tmp_path / "folder") == "png"
    with pytest.raises(InputError, match=r"\.pptx, \.pdf or \.html"):
        output_format(tmp_path / "a.docx")
    (tmp_path / "plainfile").write_text("x")
    with pytest.raises(InputError, match="a folder was expected"):
        output_format(tmp_path / "plainfile")


def test_pptx_is_16_9_with_titles_and_pictures(written):
    from pptx import Presentation

    prs = Presentation(str(written["pptx"]))
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
    assert len(prs.slides) == 5
    texts = [" ".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame)
             for s in prs.slides]
    assert "Deferred work" in texts[2] and "64%" in texts[2]
    pictures = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
    assert len(pictures) == 2
    for pic in pictures:  # fitted inside the slide
        assert pic.left >= 0 and pic.left + pic.width <= prs.slide_width
        assert pic.top >= 0 and pic.top + pic.height <= prs.slide_height


def test_html_is_self_contained(written):
    html = written["html"].read_text(encoding="utf-8")
    assert "size: 297mm 167mm" in html
    assert html.count("data:image/svg+xml;base64,") == 2
    for remote in ("http://", "https://", "src=\"//"):
        assert remote not in html.replace("http://www.w3.org", "")
    assert html.count('class="slide') == 5


def test_pdf_has_one_landscape_page_per_slide_and_is_not_blank(written):
    import pypdfium2
    from pypdf import PdfReader

    reader = PdfReader(str(written["pdf"]))
    assert len(reader.pages) == 5
    box = reader.pages[0].mediabox
    assert abs(float(box.width) / float(box.height) - 297 / 167) < 0.02
    assert "Deferred work" in reader.pages[2].extract_text()
    pdf = pypdfium2.PdfDocument(str(written["pdf"]))
    for i in (0, 2):
        img = pdf[i].render(scale=0.5).to_pil().convert("L")
        lo, hi = img.getextrema()
        assert hi - lo > 100, f"page {i + 1} looks blank"


def test_png_folder_holds_each_chart(written):
    from PIL import Image

    files = sorted(p.name for p in written["png"].glob("*.png"))
    assert files == ["03-deferred.png", "04-case.png"]
    img = Image.open(io.BytesIO((written["png"] / "03-deferred.png").read_bytes()))
    assert img.size == (2000, 1240)
    assert "Deferred work" in (written["png"] / "contents.txt").read_text()


def test_missing_chromium_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-browser"))
    with pytest.raises(InputError, match="install Debian's chromium"):
        write_deck(_deck(), tmp_path / "d.pdf")
    assert not (tmp_path / "d.pdf").exists()
