"""``orghealth demo`` and ``orghealth serve``: start the Streamlit dashboard on a database."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from orghealth.errors import InputError
from orghealth.paths import QUERIES_DIR, ROOT, SAMPLE_DATA_DIR

DB_ENV = "ORGHEALTH_DB"


def demo_db_path() -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "orghealth"
    return cache / "demo.duckdb"


def _inputs_stamp() -> str:
    """Changes when the sample files or the SQL that builds the database change."""
    h = hashlib.sha256()
    for folder in (SAMPLE_DATA_DIR, QUERIES_DIR):
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                h.update(f"{p.relative_to(folder)}:{p.stat().st_size}:{p.stat().st_mtime_ns};".encode())
    return h.hexdigest()


def ensure_demo_db() -> Path:
    """The bundled company as a database, rebuilt when its inputs changed since the last build."""
    from orghealth.ingest import ingest_paths

    db = demo_db_path()
    stamp_file = db.with_suffix(".stamp")
    stamp = _inputs_stamp()
    if not db.is_file() or not stamp_file.is_file() or stamp_file.read_text() != stamp:
        print(f"Loading the bundled company from {SAMPLE_DATA_DIR} ...", flush=True)
        ingest_paths([SAMPLE_DATA_DIR], db)
        stamp_file.write_text(stamp)
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
