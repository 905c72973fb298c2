"""The calendar and sizes of a generated company, and where each warning sign is planted."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
import polars as pl

LAST_MONTH = np.datetime64("2026-10", "M")  # the data ends here; "today" is the export date below
EXPORT_AT = np.datetime64("2026-11-02T09:30:15", "s")  # fixed, so output never depends on the clock
COMPANY = "Larkspur Systems"
DOMAIN = "larkspur.example"


@dataclass(frozen=True)
class Plan:
    people: int
    months: int
    scenario: str
    seed: int

    @property
    def troubled(self) -> bool:
        return self.scenario == "troubled"

    @property
    def scale(self) -> float:
        return self.people / 300.0

    @property
    def first_month(self) -> np.datetime64:
        return LAST_MONTH - (self.months - 1)

    @property
    def start(self) -> np.datetime64:
        return self.first_month.astype("datetime64[D]")

    @property
    def end(self) -> np.datetime64:
        """First day after the data window."""
        return (LAST_MONTH + 1).astype("datetime64[D]")

    # Month numbers count from 1 = the first month of data.
    @property
    def reorg_month(self) -> int:
        return 12 if self.months >= 18 else max(2, self.months // 2)

    @property
    def drift_month(self) -> int:
        return max(1, self.reorg_month - 2)

    @property
    def backlog_months(self) -> tuple[int, int]:
        """Three to six months after the move, but never before the last twelve months: the
        operations and sales-in-operations signs look at the last year, so in a longer window
        (more than 24 months) the backlog moves to months `months - 9` .. `months - 6`."""
        first = min(max(self.reorg_month + 3, self.months - 9), self.months)
        return first, min(first + 3, self.months)

    @property
    def daily(self) -> bool:
        """Daily time entries at large scale; weekly timesheet lines for small companies."""
        return self.people > 1000

    def month_start(self, m: int) -> np.datetime64:
        return (self.first_month + (m - 1)).astype("datetime64[D]")

    def month_label(self, m: int) -> str:
        return str(self.first_month + (m - 1))

    def month_of(self, days: np.ndarray) -> np.ndarray:
        """Month number (1-based) of each date; dates before the window give 0 or less."""
        ms = days.astype("datetime64[M]")
        return (ms - self.first_month).astype(np.int64) + 1

    def rng(self, stream: str) -> np.random.Generator:
        """An independent random stream per part, so both scenarios draw the same numbers."""
        return np.random.default_rng([self.seed, zlib.crc32(stream.encode())])


def scaled(plan: Plan, n300: float, minimum: int = 1) -> int:
    return max(minimum, int(round(n300 * plan.scale)))


def text(values) -> pl.Series:
    """A polars string column from a numpy object array that may hold None."""
    import polars as pl

    return pl.Series(list(values), dtype=pl.String)
