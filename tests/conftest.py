"""Shared fixtures: the bundled company and its healthy twin, each ingested once per test run."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from orghealth.paths import ROOT, SAMPLE_DATA_DIR

FIXTURES = Path(__file__).parent / "fixtures"


def chromium_path() -> str | None:
    """Debian's Chromium, or None. Under CI a missing Chromium fails the test instead of skipping."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI: apt-get install chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return found


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """The bundled troubled company, as a database."""
    from orghealth.ingest import ingest_paths

    db = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    ingest_paths([SAMPLE_DATA_DIR], db)
    return db


@pytest.fixture(scope="session")
def healthy_dir(tmp_path_factory) -> Path:
    """The healthy twin of the bundled company, generated with the default seed."""
    from orghealth.generate import generate_company

    out = tmp_path_factory.mktemp("healthy")
    generate_company(out, scenario="healthy")
    return out


@pytest.fixture(scope="session")
def healthy_db(tmp_path_factory, healthy_dir) -> Path:
    from orghealth.ingest import ingest_paths

    db = tmp_path_factory.mktemp("healthy_db") / "healthy.duckdb"
    ingest_paths([healthy_dir], db)
    return db
