"""Board snapshots: one content model, written as PPTX, PDF, self-contained HTML or PNG charts."""

from __future__ import annotations
