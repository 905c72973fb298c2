"""Write a Deck in the format its output path asks for, drawing only the pictures it needs."""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from orghealth.errors import InputError
from orghealth.render import chart_renderer, html_to_pdf
from orghealth.snapshot import model

Progress = Callable[[float, str], None]
FORMATS = {".pptx": "pptx", ".pdf": "pdf", ".html": "html", ".htm": "html"}


def output_format(out: str | Path) -> str:
    """pptx, pdf, html, or png (a folder: a path without one of those endings)."""
    p = Path(out)
    if p.suffix.lower() in FORMATS:
        return FORMATS[p.suffix.lower()]
    if p.suffix and not p.is_dir():
        raise InputError(
            f"cannot tell what to write from the ending '{p.suffix}'", file=p,
            hint="end --out with .pptx, .pdf or .html, or give a folder for PNG charts",
        )
    if p.exists() and not p.is_dir():
        raise InputError("this is a file, and a folder was expected for the PNG charts", file=p,
                         hint="give a new folder name, or end --out with .pptx, .pdf or .html")
    return "png"


def _quiet(fraction: float, message: str) -> None:
    pass


def picture_kind(fmt: str) -> str:
    """SVG for the formats a browser lays out (sharp at any size), PNG for the others."""
    return "svg" if fmt in ("html", "pdf") else "png"


def draw_charts(deck: model.Deck, kinds: tuple[str, ...] = ("png",), progress: Progress = _quiet,
                start: float = 0.0, end: float = 1.0, renderer=None) -> None:
    """Fill in each chart's missing pictures of the given kinds through one Chromium (the
    ``renderer`` given, or one started for this call)."""
    todo = [(c, k) for c in deck.charts() for k in kinds if getattr(c, k) is None]
    if not todo:
        return
    if renderer is None:
        with chart_renderer() as r:
            return draw_charts(deck, kinds, progress, start, end, r)
    for i, (c, kind) in enumerate(todo, start=1):
        progress(start + (end - start) * (i - 1) / len(todo), f"drawing chart {i} of {len(todo)}")
        setattr(c, kind, renderer.image(c.figure, kind, c.width, c.height))
    progress(end, f"drew {len(todo)} charts")


def check_folder(out: Path) -> None:
    if not out.parent.exists():
        raise InputError("the folder to write into does not exist", file=out.parent,
                         hint="create it first, or pick another --out")


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "chart"


def write_deck(deck: model.Deck, out: str | Path, progress: Progress = _quiet,
               renderer=None) -> Path:
    """Write the deck to ``out``; a half-written file never replaces an existing one."""
    from orghealth.snapshot.html_out import write_html
    from orghealth.snapshot.pptx_out import write_pptx

    out = Path(out)
    fmt = output_format(out)
    check_folder(out)
    draw_charts(deck, (picture_kind(fmt),), progress, 0.1, 0.85, renderer)
    progress(0.9, f"writing {fmt.upper()}")
    if fmt == "png":
        out.mkdir(parents=True, exist_ok=True)
        for c in deck.charts():
            (out / f"{_safe(c.name)}.png").write_bytes(c.png)
        (out / "contents.txt").write_text(_contents(deck), encoding="utf-8")
        return out
    tmp_dir = Path(tempfile.mkdtemp(prefix=".orghealth-snapshot-", dir=out.parent))
    try:
        if fmt == "pptx":
            tmp = write_pptx(deck, tmp_dir / "snapshot.pptx")
        elif fmt == "html":
            tmp = write_html(deck, tmp_dir / "snapshot.html")
        else:
            page = write_html(deck, tmp_dir / "snapshot.html")
            tmp = html_to_pdf(page, tmp_dir / "snapshot.pdf")
        shutil.move(str(tmp), out)
    finally:
        shutil.rmtree(tmp_dir, ignore_errors=True)
    return out


def _contents(deck: model.Deck) -> str:
    """What the PNG folder holds, with the facts a reader needs to trust the charts."""
    lines = [deck.title, deck.footer, f"database content hash: {deck.db_hash}", ""]
    for s in deck.slides:
        if s.chart is not None:
            figure = f" — {s.key_figure}" if s.key_figure else ""
            lines.append(f"{_safe(s.chart.name)}.png: {s.title}{figure}")
    return "\n".join(lines) + "\n"


def timed(progress: Progress) -> Progress:
    """A progress callback that also notes the seconds since the first call."""
    t0 = time.monotonic()

    def report(fraction: float, message: str) -> None:
        progress(fraction, f"{message} ({time.monotonic() - t0:.1f} s)")

    return report
