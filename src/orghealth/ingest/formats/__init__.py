"""The export formats orghealth reads: a registry of small modules, one per format.

To add a format, write ``formats/<name>.py`` with a ``FORMAT = Format(...)`` (signature headers,
target table, staging query in ``queries/staging/``) and list the module in ``MODULES``.
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path

from orghealth.errors import InputError
from orghealth.ingest.csvfile import read_header
from orghealth.ingest.formats.base import FileResult, Format

MODULES = (
    "bamboohr", "viva", "jira_csv", "jira_json", "harvest", "toggl", "hubspot", "canonical",
    "servicenow", "zendesk", "jira_dc_history", "clockify", "tempo", "workday", "hibob",
    "orgchart", "salesforce",
)

__all__ = ["FileResult", "Format", "all_formats", "detect", "by_name"]


@cache
def all_formats() -> tuple[Format, ...]:
    found: list[Format] = []
    for name in MODULES:
        module = importlib.import_module(f"orghealth.ingest.formats.{name}")
        found.extend(getattr(module, "FORMATS", None) or [module.FORMAT])
    return tuple(found)


def by_name(name: str) -> Format:
    for fmt in all_formats():
        if fmt.name == name:
            return fmt
    known = ", ".join(f.name for f in all_formats())
    raise InputError(f"unknown format '{name}'", hint=f"--as takes one of: {known}")


def is_tabular(path: Path) -> bool:
    return path.suffix.lower() in (".csv", ".txt", ".tsv")


def detect(path: Path, forced: str | None = None) -> Format:
    """The format of ``path``, from its headers (CSV) or its shape (JSON, Parquet)."""
    suffix = path.suffix.lower()
    if suffix in (".json", ".parquet"):
        kind = suffix[1:]
        candidates = [f for f in all_formats() if f.kind == kind]
        if forced:
            fmt = by_name(forced)
            if fmt.kind != kind:
                raise InputError(f"--as {forced} reads CSV files, and this is a {kind} file", file=path)
            candidates = [fmt]
        for fmt in candidates:
            if fmt.sniff is None or fmt.sniff(path):
                return fmt
        tried = ", ".join(f.title for f in candidates)
        raise InputError(f"this {kind} file is not a known export (tried: {tried})", file=path,
                         hint="check the file is a complete export, or convert it to a CSV")
    header = read_header(path)
    if not any(header.names):
        raise InputError("the file is empty (no header line)", file=path,
                         hint="re-export the data, or remove the empty file")
    csv_formats = [f for f in all_formats() if f.kind == "csv"]
    if forced:
        fmt = by_name(forced)
        missing = fmt.missing(header.names)
        if missing:
            raise InputError(
                f"read as {fmt.title} (--as {forced}), but required "
                f"column(s) are missing: {', '.join(missing)}",
                file=path, column=missing[0],
                hint="re-export with those columns, or rename the headers",
            )
        return fmt
    matches = [f for f in csv_formats if not f.missing(header.names)]
    if matches:
        return max(matches, key=lambda f: (len(f.signature), -f.order))
    return _no_match(path, header.names, csv_formats)


def _no_match(path: Path, headers: list[str], formats: list[Format]) -> Format:
    def overlap(f: Format) -> float:
        return 1 - len(f.missing(headers)) / len(f.signature)

    best = max(formats, key=overlap)
    tried = ", ".join(f.title for f in formats)
    if overlap(best) >= 0.5:
        missing = best.missing(headers)
        raise InputError(
            f"looks like a {best.title} but required column(s) are missing: "
            f"{', '.join(missing)} (formats tried: {tried})",
            file=path, column=missing[0],
            hint="re-export with all columns, rename the headers, or force a format with --as",
        )
    raise InputError(
        f"the columns ({', '.join(headers[:6])}{', ...' if len(headers) > 6 else ''}) "
        f"match no known export (formats tried: {tried})",
        file=path,
        hint="force a format with --as FORMAT, or rename the headers to the canonical "
             "column names (see docs/configuration.md)",
    )
