"""``orghealth demo`` and ``orghealth serve``: start the Streamlit dashboard on a database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from orghealth.errors import InputError
from orghealth.paths import ROOT, SAMPLE_DATA_DIR

DB_ENV = "ORGHEALTH_DB"


def demo_db_path() -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "orghealth"
    return cache / "demo.duckdb"


def ensure_demo_db() -> Path:
    """The bundled company as a database, rebuilt when the sample files are newer than it."""
    from orghealth.ingest import ingest_paths

    db = demo_db_path()
    newest = max(p.stat().st_mtime for p in SAMPLE_DATA_DIR.rglob("*") if p.is_file())
    if not db.is_file() or db.stat().st_mtime < newest:
        print(f"Loading the bundled company from {SAMPLE_DATA_DIR} ...", flush=True)
        ingest_paths([SAMPLE_DATA_DIR], db)
    return db


def run_streamlit(db: Path, port: int) -> int:
    env = {**os.environ, DB_ENV: str(db)}
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.port", str(port),
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]
    print(f"orghealth is on http://localhost:{port}  (Ctrl+C to stop)", flush=True)
    return subprocess.call(cmd, env=env)


def cli_demo(args) -> int:
    return run_streamlit(ensure_demo_db(), args.port)


def cli_serve(args) -> int:
    db = Path(args.db)
    if not db.is_file():
        raise InputError("no database here", file=db,
                         hint=f"build one with: orghealth ingest <exports> --db {db}")
    return run_streamlit(db.resolve(), args.port)
