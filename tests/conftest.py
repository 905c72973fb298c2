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


def dashboard(monkeypatch, tmp_path: Path, db: Path, *, settings: dict | None = None,
              timeout: float = 120):
    """The dashboard in-process (Streamlit's AppTest) on ``db``, not yet run.

    AppTest forgets between runs that app.py calls st.navigation, and with a pages/ folder
    beside app.py falls back to folder-based pages, running a page without app.py. A real
    server remembers it after the first run; this does the same."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
    monkeypatch.setenv("ORGHEALTH_DB", str(db))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    if settings is not None:
        at.secrets["orghealth"] = settings
    return at


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
