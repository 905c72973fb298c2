"""Privacy for exports: stable aliases instead of people's names, and no group under the minimum.

An alias is a keyed hash of the person's id ("Person 7F3A"): the same person gets the same alias
on every slide, chart and table of a snapshot, and on every snapshot of the same people data.
The key is ORGHEALTH_PSEUDONYM_KEY when set (to keep aliases across databases), else a digest of
every person's id and name: a reader of the snapshot has neither, so aliases cannot be reversed
by hashing a list of guessed employee ids.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from collections.abc import Iterable

import polars as pl

KEY_ENV = "ORGHEALTH_PSEUDONYM_KEY"

# columns that hold a person's id, name or email in our frames
PERSON_COLUMNS = re.compile(
    r"(^|_)(person|manager|reporter|assignee|owner|actor|employee|name|email|head|lead)(_|$)"
    r"|^(who|people|scoped_by)$",
    re.IGNORECASE,
)


def alias_key(people: Iterable[tuple] = ()) -> bytes:
    """ORGHEALTH_PSEUDONYM_KEY, or a digest of the people themselves (never shown anywhere)."""
    env = os.environ.get(KEY_ENV)
    if env:
        return env.encode()
    h = hashlib.sha256(b"orghealth aliases\n")
    for row in sorted({tuple("" if v is None else str(v) for v in r) for r in people}):
        h.update("\x1f".join(row).encode() + b"\n")
    return h.digest()


def _digest(key: bytes, person_id: str) -> str:
    return hmac.new(key, person_id.encode(), hashlib.sha256).hexdigest().upper()


class Pseudonymizer:
    """Replaces every known spelling of a person (id, name, email) by their alias."""

    def __init__(self, people: Iterable[tuple[str, str | None, str | None]], key: bytes) -> None:
        people = [(str(pid), name, email) for pid, name, email in people if pid is not None]
        ids = sorted({pid for pid, _, _ in people})
        width = 4
        # widen every alias until none collide (300 people in 4 hex digits usually collide)
        while len({_digest(key, pid)[:width] for pid in ids}) < len(ids):
            width += 2
        self.alias_of_id = {pid: f"Person {_digest(key, pid)[:width]}" for pid in ids}
        self._lookup: dict[str, str] = {}
        for pid, name, email in people:
            alias = self.alias_of_id[pid]
            for spelling in (pid, name, email):
                if spelling and str(spelling).strip():
                    self._lookup[str(spelling).strip().lower()] = alias
        # names and emails in running text; longest first so "Ann Lee-Smith" wins over "Ann Lee"
        words = sorted(
            {s for s in self._lookup if not s.isdigit() and len(s) > 3 and s not in ids},
            key=len, reverse=True,
        )
        self._text_re = (
            re.compile(r"(?<![\w@.])(" + "|".join(re.escape(w) for w in words) + r")(?![\w@])",
                       re.IGNORECASE)
            if words else None
        )

    @classmethod
    def from_db(cls, con) -> Pseudonymizer:
        from orghealth import sql

        rows = sql.run(con, "privacy/people_names").rows()
        return cls(rows, alias_key(rows))

    def value(self, v):
        """A whole cell: an exact id/name/email becomes the alias; other text is scanned."""
        if not isinstance(v, str):
            return v
        hit = self._lookup.get(v.strip().lower())
        return hit if hit is not None else self.text(v)

    def text(self, s: str) -> str:
        if not s or self._text_re is None:
            return s
        return self._text_re.sub(lambda m: self._lookup[m.group(0).lower()], s)

    def frame(self, df: pl.DataFrame) -> pl.DataFrame:
        """Every string cell, list of strings and column name, with people replaced."""
        out = []
        for col in df.columns:
            s = df[col]
            if s.dtype == pl.String:
                s = s.map_elements(self.value, return_dtype=pl.String, skip_nulls=True)
            elif s.dtype == pl.List(pl.String):
                s = s.map_elements(lambda xs: [self.value(x) for x in xs],
                                   return_dtype=pl.List(pl.String), skip_nulls=True)
            elif PERSON_COLUMNS.search(col) and s.dtype.is_integer():
                s = s.cast(pl.String).map_elements(self.value, return_dtype=pl.String,
                                                   skip_nulls=True)
            out.append(s.alias(self.text(col)))
        return pl.DataFrame(out) if out else df

    def figure(self, fig):
        """A copy of a Plotly figure with every string in its data and layout replaced."""
        import plotly.graph_objects as go

        return go.Figure(self.deep(fig.to_dict()))

    def deep(self, obj):
        """Any nested structure of dicts, lists, tuples and strings."""
        if isinstance(obj, str):
            return self.value(obj)
        if isinstance(obj, dict):
            return {k: self.deep(v) for k, v in obj.items()}
        if isinstance(obj, (list, tuple)):
            return type(obj)(self.deep(v) for v in obj)
        if hasattr(obj, "dtype") and getattr(obj.dtype, "kind", "") in "OUS":  # numpy text arrays
            return [self.deep(v) for v in obj.tolist()]
        return obj


def suppress_small(df: pl.DataFrame, min_group_size: int, n_col: str = "n") -> pl.DataFrame:
    """Drop the rows that stand for fewer people than the privacy minimum.

    A row with no count is kept only when the frame has no count column at all.
    """
    if n_col not in df.columns or df.is_empty():
        return df
    return df.filter(pl.col(n_col).is_not_null() & (pl.col(n_col) >= min_group_size))


def small_groups(df: pl.DataFrame, min_group_size: int, group_col: str, n_col: str = "n") -> set:
    """The group names that fall under the minimum anywhere in a frame (to keep out of labels)."""
    if group_col not in df.columns or n_col not in df.columns:
        return set()
    low = df.filter(pl.col(n_col).is_null() | (pl.col(n_col) < min_group_size))
    return set(low[group_col].drop_nulls().to_list())
