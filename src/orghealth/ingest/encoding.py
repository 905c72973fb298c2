"""Text in, UTF-8 out: files saved as Latin-1, cp1252 or UTF-16 by a spreadsheet, and
mojibake such as ``O‚ÄôConnor``, are turned into a UTF-8 copy before DuckDB reads them.

A UTF-8 file with nothing to repair is read in place. Otherwise the copy is written in blocks
(never row by row) into a temporary folder, under the original file name; everything the
database records about it (log, rejects, source_file) names the original file.
"""

from __future__ import annotations

import codecs
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

import duckdb

from orghealth.errors import InputError
from orghealth.ingest import spreadsheets

BLOCK = 1 << 20
TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".json"}
T = TypeVar("T")


@dataclass
class Prepared:
    original: Path
    path: Path              # what DuckDB reads: the original, or a UTF-8 copy
    encoding: str           # as found
    repaired: int = 0       # mojibake sequences put right
    line_offset: int = 0    # a spreadsheet sheet's rows above its header: line 1 of the copy is
                            # the sheet's row 1 + line_offset

    @property
    def converted(self) -> bool:
        return self.path != self.original

    def describe(self) -> str:
        if self.encoding == "spreadsheet":
            return "a sheet of a spreadsheet; line numbers are the sheet's row numbers"
        words = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with a byte-order mark",
                 "utf-16": "UTF-16", "utf-16-le": "UTF-16 (little-endian)",
                 "utf-16-be": "UTF-16 (big-endian)", "cp1252": "Windows-1252",
                 "latin-1": "Latin-1 (ISO-8859-1)"}
        text = words.get(self.encoding, self.encoding) + " text"
        if self.encoding not in ("utf-8", "utf-8-sig"):
            text += ", converted to UTF-8"
        if self.repaired:
            text += f"; {self.repaired} garbled character(s) repaired (like O‚ÄôConnor → O’Connor)"
        return text


# ---------------------------------------------------------------- mojibake

# Latin letters and common punctuation: what a repaired sequence may turn into
PLAUSIBLE = re.compile("[\u00a0-\u024f\u2010-\u206f\u20ac\u2122]")


def _pattern(codec: str) -> tuple[re.Pattern, str]:
    """UTF-8 byte sequences as they look when decoded with ``codec``: a lead, then 1-3 more."""
    def chars(lo: int, hi: int) -> str:
        out = []
        for b in range(lo, hi + 1):
            try:
                out.append(re.escape(bytes([b]).decode(codec)))
            except UnicodeDecodeError:
                pass
        return "".join(out)
    cont = f"[{chars(0x80, 0xBF)}]"
    two, three, four = (f"[{chars(0xC2, 0xDF)}]", f"[{chars(0xE0, 0xEF)}]", f"[{chars(0xF0, 0xF4)}]")
    everything = chars(0x80, 0xFF)
    return re.compile(f"{four}{cont}{{3}}|{three}{cont}{{2}}|{two}{cont}"), everything


PATTERNS = {codec: _pattern(codec) for codec in ("mac_roman", "cp1252")}


def repair_text(text: str) -> tuple[str, int]:
    """Put right every sequence that re-encodes to exactly one plausible UTF-8 character."""
    count = 0
    for codec, (pattern, _) in PATTERNS.items():
        def fix(m: re.Match, codec: str = codec) -> str:
            nonlocal count
            try:
                fixed = m.group(0).encode(codec).decode("utf-8")
            except UnicodeError:
                return m.group(0)
            if len(fixed) == 1 and PLAUSIBLE.fullmatch(fixed):
                count += 1
                return fixed
            return m.group(0)
        text = pattern.sub(fix, text)
    return text, count


def _has_mojibake(text: str) -> bool:
    # garbled sequences are made of non-ASCII characters; most exports have none, and this
    # check is a memory scan where the patterns below take seconds per 30 MB
    if text.isascii():
        return False
    return any(p.search(text) and repair_text(text)[1] for p, _ in PATTERNS.values())


SUSPECT = set("".join(chars for _, chars in PATTERNS.values()))


def _split_point(text: str) -> int:
    """Where a block can end without cutting a garbled sequence in two."""
    cut = len(text)
    while cut > 0 and len(text) - cut < 4 and text[cut - 1] in SUSPECT:
        cut -= 1
    return cut


# ---------------------------------------------------------------- detection

def sniff_encoding(path: Path) -> str:
    with open(path, "rb") as f:
        head = f.read(64 * 1024)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        # ASCII text in UTF-16 has a zero in every other byte
        if odd > len(head) // 8 and even < odd // 10:
            return "utf-16-le"
        if even > len(head) // 8 and odd < even // 10:
            return "utf-16-be"
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    with open(path, "rb") as f:
        while block := f.read(BLOCK):
            if utf8:
                try:
                    decoder.decode(block)
                except UnicodeDecodeError:
                    utf8 = False
            if not utf8 and any(bytes([b]) in block for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)):
                return "latin-1"           # bytes Windows-1252 leaves undefined
    if utf8:
        try:
            decoder.decode(b"", final=True)
            return "utf-8"
        except UnicodeDecodeError:
            pass
    return "cp1252"


def needs_repair(path: Path, enc: str) -> bool:
    with open(path, encoding=enc, newline="") as f:
        carry = ""
        while block := f.read(BLOCK):
            text = carry + block
            cut = _split_point(text)
            if _has_mojibake(text[:cut]):
                return True
            carry = text[cut:]
        return bool(carry) and _has_mojibake(carry)


def transcode(src: Path, dest: Path, enc: str) -> int:
    """Copy ``src`` as UTF-8, repairing mojibake on the way; returns the repairs made."""
    repaired = 0
    with open(src, encoding=enc, newline="") as f, open(dest, "w", encoding="utf-8", newline="") as out:
        carry = ""
        while block := f.read(BLOCK):
            text = carry + block
            cut = _split_point(text)
            fixed, n = repair_text(text[:cut])
            out.write(fixed)
            repaired += n
            carry = text[cut:]
        fixed, n = repair_text(carry)
        out.write(fixed)
        return repaired + n


# ---------------------------------------------------------------- the workspace

class Workspace:
    """A temporary folder for UTF-8 copies, removed when the ingest ends."""

    def __enter__(self) -> Workspace:
        self.dir = Path(tempfile.mkdtemp(prefix="orghealth-text-"))
        self._n = 0
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    def prepare_all(self, path: Path) -> tuple[list[Prepared], list[str]]:
        """What DuckDB reads for ``path``: one text, or one CSV copy per sheet of a
        spreadsheet; and a note naming the sheets left out because they hold nothing."""
        if not spreadsheets.is_spreadsheet(path):
            return [self.prepare(path)], []
        self._n += 1
        folder = self.dir / str(self._n)
        folder.mkdir()
        copies, empty = spreadsheets.copy_sheets(path, folder)
        texts = [Prepared(Path(c.display), c.path, "spreadsheet", line_offset=c.first_row - 1)
                 for c in copies]
        notes = [f"{path.name}: the sheet(s) {', '.join(repr(s) for s in empty)} hold nothing "
                 "and were left out"] if empty else []
        notes += [f"{c.display}: {c.title_rows} row(s) above the header (a title or filters) "
                  f"were left out; the header is row {c.first_row}"
                  for c in copies if c.title_rows]
        return texts, notes

    def prepare(self, path: Path) -> Prepared:
        if path.suffix.lower() not in TEXT_SUFFIXES:
            return Prepared(path, path, "binary")
        try:
            enc = sniff_encoding(path)
        except OSError as exc:
            raise InputError(f"cannot be read ({exc.strerror})", file=path) from exc
        if enc in ("utf-8", "utf-8-sig") and not needs_repair(path, enc):
            return Prepared(path, path, enc)
        self._n += 1
        folder = self.dir / str(self._n)
        folder.mkdir()
        copy = folder / path.name
        try:
            repaired = transcode(path, copy, enc)
        except UnicodeDecodeError as exc:
            raise InputError(f"is not readable text in {enc} ({exc.reason} at byte {exc.start})",
                             file=path, hint="save the file as UTF-8 CSV and load it again") from exc
        return Prepared(path, copy, enc, repaired)

    @staticmethod
    def named(text: Prepared, action: Callable[..., T], *args) -> T:
        """``action(*args)``; an error about the copy names the original file instead."""
        try:
            return action(*args)
        except InputError as exc:
            if text.converted and exc.file is not None and Path(exc.file) == text.path:
                raise replace(exc, file=text.original) from exc
            raise


def restore_names(con: duckdb.DuckDBPyConnection, text: Prepared, result) -> None:
    """Rows loaded from a UTF-8 copy name the original file; the log notes the conversion."""
    if not text.converted:
        return
    old, new = str(text.path), str(text.original)
    columns = con.execute(
        "select table_name, column_name from duckdb_columns() "
        "where column_name in ('source_file', 'file') and data_type = 'VARCHAR' "
        "and table_name in (select table_name from duckdb_tables())"
    ).fetchall()
    for table, column in columns:
        con.execute(f'update "{table}" set "{column}" = $new where "{column}" = $old',  # noqa: S608 (catalog names)
                    {"new": new, "old": old})
    if text.line_offset:
        for table in _tables_with(con, "file", "line"):
            con.execute(f'update "{table}" set line = line + $n '  # noqa: S608 (catalog names)
                        'where file = $new and line is not null',
                        {"n": text.line_offset, "new": new})
    note = text.describe()
    for part in [result, *result.extra]:
        if part.file == old:
            part.file = new
        part.note = f"{part.note}; {note}" if part.note else note


def _tables_with(con: duckdb.DuckDBPyConnection, *columns: str) -> list[str]:
    return [r[0] for r in con.execute(
        "select table_name from duckdb_columns() where column_name in $cols "
        "and table_name in (select table_name from duckdb_tables()) "
        "group by table_name having count(distinct column_name) = $n",
        {"cols": list(columns), "n": len(columns)}).fetchall()]
