"""A Deck as a 16:9 PowerPoint file: Blank layout, our own text boxes, pictures fitted to size."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from orghealth import theme
from orghealth.snapshot import model
from orghealth.snapshot.style import ACCENT, INK, MUTED, PAPER_TINT, fit_points, text_height

W, H = 13.333, 7.5            # inches: 16:9
MARGIN = 0.55
TITLE_TOP, TITLE_H = 0.45, 0.85
BODY_TOP = 1.5
FOOT_TOP = 7.02


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#").upper())


def _text(slide, x, y, w, h, text, size=14, bold=False, color=INK, align=PP_ALIGN.LEFT,
          anchor=MSO_ANCHOR.TOP, font=None):
    box = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
    tf = box.text_frame
    tf.word_wrap = True
    tf.vertical_anchor = anchor
    tf.margin_left = tf.margin_right = Inches(0.02)
    tf.margin_top = tf.margin_bottom = Inches(0.02)
    lines = text.split("\n") if isinstance(text, str) else text
    for i, line in enumerate(lines):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.alignment = align
        run = p.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = _rgb(color)
        run.font.name = font or "Calibri"
    return box


def _rect(slide, x, y, w, h, color, shape=MSO_SHAPE.RECTANGLE):
    r = slide.shapes.add_shape(shape, Inches(x), Inches(y), Inches(w), Inches(h))
    r.fill.solid()
    r.fill.fore_color.rgb = _rgb(color)
    r.line.fill.background()
    r.shadow.inherit = False
    return r


def _chip(slide, x, y, text, color):
    w = 0.2 + 0.11 * len(text)
    r = _rect(slide, x, y, w, 0.34, color, MSO_SHAPE.ROUNDED_RECTANGLE)
    tf = r.text_frame
    tf.margin_top = tf.margin_bottom = Inches(0)
    p = tf.paragraphs[0]
    p.alignment = PP_ALIGN.CENTER
    run = p.add_run()
    run.text = text
    run.font.size, run.font.bold = Pt(12), True
    run.font.color.rgb = _rgb("#FFFFFF")
    return w


def _frame(slide, deck: model.Deck, s: model.Slide, page: int) -> None:
    """Title, status marker and footer shared by every content slide."""
    if s.status:
        _rect(slide, 0, 0, 0.16, H, theme.status_color(s.status))
        label = theme.status_label(s.status).upper()
        _chip(slide, MARGIN, 0.22, label + (f" · {s.subtitle}" if s.subtitle else ""),
              theme.status_color(s.status))
        top = 0.62
    else:
        _rect(slide, MARGIN, 0.32, 0.9, 0.07, ACCENT)
        top = TITLE_TOP
    _text(slide, MARGIN, top, W - 2 * MARGIN, TITLE_H, s.title,
          size=fit_points(s.title, W - 2 * MARGIN, TITLE_H, 30, 22), bold=True,
          anchor=MSO_ANCHOR.TOP).name = "Title"
    if s.subtitle and not s.status:
        _text(slide, MARGIN, top + 0.62, W - 2 * MARGIN, 0.4, s.subtitle, size=15, color=MUTED)
    _text(slide, MARGIN, FOOT_TOP, 9, 0.3, deck.footer, size=10, color=MUTED)
    _text(slide, W - MARGIN - 1, FOOT_TOP, 1, 0.3, str(page), size=10, color=MUTED,
          align=PP_ALIGN.RIGHT)


def _picture(slide, chart: model.Chart, x, y, w, h):
    """The chart's PNG, as large as fits the box without changing its shape, centred."""
    ratio = chart.width / chart.height
    pw, ph = (w, w / ratio) if w / h < ratio else (h * ratio, h)
    slide.shapes.add_picture(io.BytesIO(chart.png), Inches(x + (w - pw) / 2),
                             Inches(y + (h - ph) / 2), Inches(pw), Inches(ph))


def _sections(slide, x, y, w, h, sections, bullets=()):
    """Headed paragraphs in one text box, shrunk to fit."""
    total = sum(len(a) + len(b) for a, b in sections) + sum(len(b) + 2 for b in bullets)
    size = fit_points("x" * total, w, h, 15, 10, lines_extra=2 * len(sections) + len(bullets))
    box = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
    tf = box.text_frame
    tf.word_wrap = True
    first = True
    for bullet in bullets:
        p = tf.paragraphs[0] if first else tf.add_paragraph()
        first = False
        p.space_after = Pt(8)
        run = p.add_run()
        run.text = "•  " + bullet
        run.font.size, run.font.color.rgb = Pt(size), _rgb(INK)
    for heading, body in sections:
        p = tf.paragraphs[0] if first else tf.add_paragraph()
        first = False
        p.space_before = Pt(6)
        run = p.add_run()
        run.text = heading.upper()
        run.font.size, run.font.bold = Pt(max(size - 3, 9)), True
        run.font.color.rgb = _rgb(ACCENT)
        items = body.split("\n")
        for item in items:  # a body of several lines is a list
            p = tf.add_paragraph()
            p.space_after = Pt(4)
            run = p.add_run()
            run.text = ("•  " + item) if len(items) > 1 else item
            run.font.size, run.font.color.rgb = Pt(size), _rgb(INK)


def _table(slide, table: model.Table, x, y, w, h):
    rows, cols = len(table.rows) + 1, len(table.columns)
    row_h = min(0.4, h / rows)
    shape = slide.shapes.add_table(rows, cols, Inches(x), Inches(y), Inches(w),
                                   Inches(row_h * rows))
    t = shape.table
    widths = table.widths or [1] * cols
    for i, rel in enumerate(widths):
        t.columns[i].width = Emu(int(Inches(w) * rel / sum(widths)))
    size = 12 if rows <= 10 else 11
    for r in range(rows):
        t.rows[r].height = Inches(row_h)
        for c in range(cols):
            cell = t.cell(r, c)
            value = table.columns[c] if r == 0 else table.rows[r - 1][c]
            cell.margin_top = cell.margin_bottom = Inches(0.02)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            tf = cell.text_frame
            tf.word_wrap = True
            run = tf.paragraphs[0].add_run()
            run.text = str(value)
            run.font.size = Pt(size)
            cell.fill.solid()
            if r == 0:
                run.font.bold = True
                run.font.color.rgb = _rgb("#FFFFFF")
                cell.fill.fore_color.rgb = _rgb(ACCENT)
            elif c == table.status_column:
                status = table.rows[r - 1][c]
                key = next((k for k, v in theme.STATUS_LABELS.items() if v == status), status)
                run.font.bold = True
                run.font.color.rgb = _rgb("#FFFFFF")
                cell.fill.fore_color.rgb = _rgb(theme.status_color(key))
            else:
                run.font.color.rgb = _rgb(INK)
                cell.fill.fore_color.rgb = _rgb(PAPER_TINT if r % 2 == 0 else "#FFFFFF")


def _title_slide(slide, deck: model.Deck, s: model.Slide):
    _rect(slide, 0, 0, W, H, ACCENT)
    _rect(slide, MARGIN, 2.0, 1.2, 0.08, "#FFFFFF")
    _text(slide, MARGIN, 2.25, W - 2 * MARGIN, 1.2, s.title, size=40, bold=True,
          color="#FFFFFF").name = "Title"
    _text(slide, MARGIN, 3.35, W - 2 * MARGIN, 0.6, s.subtitle, size=20, color="#D8E1EC")
    if s.key_caption:
        _text(slide, MARGIN, 4.2, W - 2 * MARGIN, 0.5, s.key_caption, size=20, bold=True,
              color="#FFFFFF")
    facts = "\n".join(s.bullets)
    _text(slide, MARGIN, 4.9, W - 2 * MARGIN, 2.3, facts,
          size=fit_points(facts, W - 2 * MARGIN, 2.3, 14, 10, lines_extra=len(s.bullets)),
          color="#FFFFFF")


def _layout(slide, deck, s: model.Slide, page: int):
    if s.kind == model.TITLE:
        _title_slide(slide, deck, s)
        return
    _frame(slide, deck, s, page)
    body_h = FOOT_TOP - BODY_TOP - 0.2
    if s.kind == model.SIGNAL:
        left_w = 4.35
        y = BODY_TOP
        if s.key_figure:
            _text(slide, MARGIN, y, left_w, 0.95, s.key_figure, size=48, bold=True,
                  color=theme.status_color(s.status)).name = "Key figure"
            y += 0.95
        if s.key_caption:
            h = text_height(s.key_caption, left_w, 11)
            _text(slide, MARGIN, y, left_w, h, s.key_caption, size=11, color=MUTED)
            y += h + 0.1
        _sections(slide, MARGIN, y, left_w, FOOT_TOP - y - 0.15, s.sections)
        if s.chart is not None:
            _picture(slide, s.chart, MARGIN + left_w + 0.3, BODY_TOP,
                     W - 2 * MARGIN - left_w - 0.3, body_h)
    elif s.kind == model.CASE or (s.kind == model.TEXT and s.chart is not None):
        left_w = 4.6 if s.chart is not None else W - 2 * MARGIN
        _sections(slide, MARGIN, BODY_TOP, left_w, body_h, s.sections, s.bullets)
        if s.chart is not None:
            _picture(slide, s.chart, MARGIN + left_w + 0.3, BODY_TOP,
                     W - 2 * MARGIN - left_w - 0.3, body_h)
    elif s.kind in (model.SUMMARY, model.TABLE):
        y = BODY_TOP
        if s.bullets or s.sections:
            _sections(slide, MARGIN, y - 0.1, W - 2 * MARGIN, 0.6, s.sections, s.bullets)
            y += 0.55
        if s.table is not None:
            _table(slide, s.table, MARGIN, y, W - 2 * MARGIN, FOOT_TOP - y - 0.15)
    elif not s.sections:
        _sections(slide, MARGIN, BODY_TOP, W - 2 * MARGIN, body_h, [], s.bullets)
    else:  # TEXT: sections in two columns
        half = (len(s.sections) + 1) // 2
        col_w = (W - 2 * MARGIN - 0.4) / 2
        _sections(slide, MARGIN, BODY_TOP, col_w, body_h, s.sections[:half], s.bullets)
        _sections(slide, MARGIN + col_w + 0.4, BODY_TOP, col_w, body_h, s.sections[half:])


def speaker_notes(s: model.Slide) -> str:
    """What the presenter says: the slide's own notes, else its title, figure and first lines."""
    if s.notes:
        return s.notes
    parts = [s.title + ".", s.key_figure or "", s.key_caption, *s.bullets[:3],
             *(f"{h}: {t}" for h, t in s.sections[:2])]
    return " ".join(p for p in parts if p)


def write_pptx(deck: model.Deck, out: str | Path) -> Path:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(W), Inches(H)
    blank = prs.slide_layouts[6]
    for page, s in enumerate(deck.slides, start=1):
        slide = prs.slides.add_slide(blank)
        _layout(slide, deck, s, page)
        slide.notes_slide.notes_text_frame.text = speaker_notes(s)
    if deck.numbers:
        from orghealth.snapshot.history import attach_to_pptx

        attach_to_pptx(prs, deck.numbers)
    out = Path(out)
    prs.save(out)
    return out
