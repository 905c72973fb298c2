"""Errors a user can act on: each names the file, the line or column, and what to do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class InputError(Exception):
    """Unusable input. The CLI prints it and exits with code 2."""

    message: str
    file: str | Path | None = None
    line: int | None = None
    column: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = []
        if self.file is not None:
            where.append(str(self.file))
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        text = (": ".join([", ".join(where), self.message])) if where else self.message
        if self.hint:
            text += f"\n  What to do: {self.hint}"
        return text
