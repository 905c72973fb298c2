"""Reading exports into the canonical tables: files (csv, json, parquet, zips), formats and
their column roles, people matching, and ``--explain``.

The names below are loaded on first use, so that a module inside this package can import a
sibling without running the whole ingest (no import circle)."""

from __future__ import annotations

import importlib

_EXPORTS = {
    "ingest_paths": "run", "summary_text": "run", "cli_ingest": "run", "build_derived": "run",
    "collect_files": "run", "IngestReport": "run",
    "IngestContext": "context", "BASE_MACROS": "context", "WORK_TABLES": "context",
    "define_parsers": "context",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"orghealth.ingest.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'orghealth.ingest' has no attribute '{name}'")
