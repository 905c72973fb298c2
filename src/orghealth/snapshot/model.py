"""The content of a snapshot, built once and then written as PPTX, PDF, HTML or PNG files.

Every renderer reads the same Deck, so the numbers and words are the same in every format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Slide kinds the renderers know how to lay out
TITLE, SUMMARY, SIGNAL, CASE, TABLE, TEXT = "title", "summary", "signal", "case", "table", "text"


@dataclass
class Chart:
    """A Plotly figure and its pictures (filled in by the renderer that needs them)."""

    name: str                      # file-safe, e.g. "03-deferred_initiatives"
    figure: Any                    # plotly.graph_objects.Figure
    width: int = 1000              # pixels the figure is laid out for
    height: int = 620
    png: bytes | None = None
    svg: bytes | None = None


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None     # relative column widths
    status_column: int | None = None      # a column whose cells are statuses (coloured)


@dataclass
class Slide:
    kind: str
    title: str
    subtitle: str = ""
    status: str | None = None              # red / amber / green / insufficient_data
    key_figure: str | None = None          # the headline number, formatted
    key_caption: str = ""                  # what the number is, and its thresholds
    sections: list[tuple[str, str]] = field(default_factory=list)   # (heading, text)
    bullets: list[str] = field(default_factory=list)
    chart: Chart | None = None
    table: Table | None = None
    signal_id: str | None = None
    notes: str = ""                        # the speaker notes: what the slide says and why


@dataclass
class Deck:
    title: str
    as_of: str                             # the day the snapshot was made
    window: str                            # the data window, in words
    db_hash: str
    slides: list[Slide]
    pseudonymized: bool = False
    min_group_size: int = 5
    numbers: dict | None = None            # what it showed, for the next snapshot to compare

    @property
    def footer(self) -> str:
        return f"orghealth snapshot · as of {self.as_of} · data {self.window}"

    def charts(self) -> list[Chart]:
        return [s.chart for s in self.slides if s.chart is not None]

    def texts(self) -> list[str]:
        """Every piece of text in the deck (for the privacy pass and for tests)."""
        out = [self.title, self.as_of, self.window]
        for s in self.slides:
            out += [s.title, s.subtitle, s.key_figure or "", s.key_caption, *s.bullets]
            out += [t for pair in s.sections for t in pair]
            if s.table:
                out += s.table.columns + [c for row in s.table.rows for c in row]
        return out
