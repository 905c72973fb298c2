"""A Deck as one self-contained HTML file (charts inlined as SVG data), printable to PDF."""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from orghealth import theme
from orghealth.snapshot import model
from orghealth.snapshot.style import ACCENT, INK, MUTED, PAPER_TINT

CSS = (Path(__file__).parent / "snapshot.css").read_text(encoding="utf-8")


def _img(chart: model.Chart) -> str:
    if chart.svg is not None:
        data, mime = chart.svg, "image/svg+xml"
    else:
        data, mime = chart.png, "image/png"
    uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    return f'<img alt="{escape(chart.name)}" src="{uri}">'


def _sections(s: model.Slide) -> str:
    parts = []
    if s.bullets:
        parts.append("<ul>" + "".join(f"<li>{escape(b)}</li>" for b in s.bullets) + "</ul>")
    for heading, body in s.sections:
        items = body.split("\n")
        text = (f"<p>{escape(body)}</p>" if len(items) == 1 else
                "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")
        parts.append(f"<section><h3>{escape(heading)}</h3>{text}</section>")
    return "".join(parts)


def _table(t: model.Table) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in t.columns)
    rows = []
    for row in t.rows:
        cells = []
        for i, v in enumerate(row):
            if i == t.status_column:
                key = next((k for k, lab in theme.STATUS_LABELS.items() if lab == v), v)
                cells.append(f'<td class="status" style="background:{theme.status_color(key)}">'
                             f"{escape(v)}</td>")
            else:
                cells.append(f"<td>{escape(str(v))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _header(s: model.Slide) -> str:
    out = []
    if s.status:
        color = theme.status_color(s.status)
        label = theme.status_label(s.status).upper() + (f" · {s.subtitle}" if s.subtitle else "")
        out.append(f'<div class="edge" style="background:{color}"></div>')
        out.append(f'<div class="chip" style="background:{color}">{escape(label)}</div>')
    else:
        out.append('<div class="rule"></div>')
    cls = ' class="long"' if len(s.title) > 70 else ""
    out.append(f"<h1{cls}>{escape(s.title)}</h1>")
    if s.subtitle and not s.status:
        out.append(f'<p class="subtitle">{escape(s.subtitle)}</p>')
    return "".join(out)


def _slide(deck: model.Deck, s: model.Slide, page: int) -> str:
    if s.kind == model.TITLE:
        facts = "".join(f"<div>{escape(b)}</div>" for b in s.bullets)
        if s.key_caption:
            facts = f'<div class="headline">{escape(s.key_caption)}</div>' + facts
        return (f'<section class="slide title-slide"><div class="rule"></div>'
                f"<h1>{escape(s.title)}</h1><p class=\"subtitle\">{escape(s.subtitle)}</p>"
                f'<div class="facts">{facts}</div></section>')
    body = ""
    if s.kind == model.SIGNAL:
        left = ""
        if s.key_figure:
            left += (f'<div class="key" style="color:{theme.status_color(s.status)}">'
                     f"{escape(s.key_figure)}</div>")
        if s.key_caption:
            left += f'<div class="caption">{escape(s.key_caption)}</div>'
        left += _sections(s)
        right = _img(s.chart) if s.chart else ""
        body = f'<div class="body"><div class="left small">{left}</div><div class="right">{right}</div></div>'
    elif s.chart is not None:
        body = (f'<div class="body case"><div class="left">{_sections(s)}</div>'
                f'<div class="right">{_img(s.chart)}</div></div>')
    elif s.kind in (model.SUMMARY, model.TABLE):
        intro = _sections(s)
        table = _table(s.table) if s.table else ""
        body = f'<div class="full">{intro}{table}</div>'
    elif not s.sections:
        body = f'<div class="full">{_sections(s)}</div>'
    else:
        body = f'<div class="columns">{_sections(s)}</div>'
    footer = (f'<div class="footer"><span>{escape(deck.footer)}</span><span>{page}</span></div>')
    return f'<section class="slide {s.kind}">{_header(s)}{body}{footer}</section>'


def deck_html(deck: model.Deck) -> str:
    root = (f":root {{ --accent: {ACCENT}; --ink: {INK}; --muted: {MUTED}; "
            f"--tint: {PAPER_TINT}; }}")
    slides = "\n".join(_slide(deck, s, i) for i, s in enumerate(deck.slides, start=1))
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(deck.title)} · {escape(deck.as_of)}</title>"
        f'<meta name="orghealth-database" content="{escape(deck.db_hash)}">'
        f"<style>{root}\n{CSS}</style>{_numbers(deck)}</head><body>\n{slides}\n</body></html>\n"
    )


def _numbers(deck: model.Deck) -> str:
    """The deck's numbers as JSON, for the next snapshot to compare with (never shown)."""
    if not deck.numbers:
        return ""
    import json

    from orghealth.snapshot.history import HTML_ID

    data = json.dumps(deck.numbers).replace("</", "<\\/")
    return f'<script type="application/json" id="{HTML_ID}">{data}</script>'


def write_html(deck: model.Deck, out: str | Path) -> Path:
    out = Path(out)
    out.write_text(deck_html(deck), encoding="utf-8")
    return out
