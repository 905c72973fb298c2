"""The snapshot's look beyond the shared palette: ink, accent, and type that fits its box."""

from __future__ import annotations

import math

from orghealth import theme

ACCENT = "#1B3A5C"          # deep navy: title slide, rules, table heads
INK = theme.TEXT_COLOR
MUTED = "#5F6368"
PAPER_TINT = "#F3F5F8"


def _lines(text: str, width_in: float, size: float) -> int:
    per_line = max(1, int(width_in * 72 / (size * 0.5)))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def text_height(text: str, width_in: float, size: float) -> float:
    """Inches that ``text`` takes at ``size`` points in a box ``width_in`` wide, roughly."""
    return _lines(text, width_in, size) * size * 1.3 / 72 + 0.05


def fit_points(text: str, width_in: float, height_in: float, largest: int, smallest: int,
               lines_extra: int = 0) -> int:
    """The largest font size (points) at which ``text`` wraps into the box, roughly.

    An average character is about half its point size wide; a line is 1.25 times its size.
    """
    for size in range(largest, smallest - 1, -1):
        lines = _lines(text, width_in, size)
        if (lines + lines_extra) * size * 1.3 / 72 <= height_in:
            return size
    return smallest
