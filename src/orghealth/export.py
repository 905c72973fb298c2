"""CSV downloads that are safe to open in a spreadsheet."""

from __future__ import annotations

import polars as pl

# A cell starting with one of these is read as a formula by Excel, LibreOffice and Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str | None) -> str | None:
    """Prefix a would-be formula with an apostrophe so it stays text."""
    if text is not None and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def safe_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Every text cell neutralised; numbers and dates stay as they are (a negative number is
    a number, not a formula, once it is written unquoted as one)."""
    text_cols = [c for c, t in frame.schema.items() if t == pl.String]
    list_cols = [c for c, t in frame.schema.items() if isinstance(t, pl.List)]
    starts = r"^[=+\-@\t\r]"
    return frame.with_columns(
        *[pl.col(c).cast(pl.List(pl.String)).list.join("; ").alias(c) for c in list_cols],
    ).with_columns(
        *[
            pl.when(pl.col(c).str.contains(starts))
            .then(pl.lit("'") + pl.col(c))
            .otherwise(pl.col(c))
            .alias(c)
            for c in text_cols + list_cols
        ]
    )


def to_csv_bytes(frame: pl.DataFrame) -> bytes:
    """The frame as UTF-8 CSV with a BOM (so Excel reads accents), formulas neutralised."""
    return ("\ufeff" + safe_frame(frame).write_csv()).encode("utf-8")
