"""Board snapshots: one content model, written as PPTX, PDF, self-contained HTML or PNG charts."""

from __future__ import annotations

from orghealth.snapshot.build import SnapshotOptions, build_deck, cli_snapshot, make_snapshot

__all__ = ["SnapshotOptions", "build_deck", "cli_snapshot", "make_snapshot"]
