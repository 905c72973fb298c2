"""A company with a team of four (under the privacy minimum of five): its name appears on no
page, in no download, in no command's JSON and in no snapshot; with pseudonymized snapshots no
real name from the people table appears in any format."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import zipfile
from pathlib import Path

import duckdb
import pytest
from conftest import dashboard

from orghealth.cli import main as cli
from orghealth.paths import ROOT

TINY = "Tiny Zeppelin Team"   # four people: under the minimum
PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory) -> Path:
    """The generated company with the last four engineers moved into a team of their own."""
    from orghealth.generate import generate_company
    from orghealth.ingest import ingest_paths

    folder = tmp_path_factory.mktemp("tiny")
    generate_company(folder, people=80, months=14, scenario="troubled", seed=3)
    hr = folder / "hr" / "bamboohr_job_history.csv"
    rows = list(csv.reader(hr.open(encoding="utf-8-sig")))
    dept, emp = rows[0].index("Department"), rows[0].index("Employee #")
    engineers = list(dict.fromkeys(r[emp] for r in rows[1:] if r[dept] == "Engineering"))
    moved = set(engineers[-4:])
    for r in rows[1:]:
        if r[emp] in moved:
            r[dept] = TINY
    with hr.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    db = folder / "tiny.duckdb"
    ingest_paths([folder], db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        n = con.execute("select count(distinct person_id) from person_months where unit = $u",
                        {"u": TINY}).fetchone()[0]
    finally:
        con.close()
    assert n == 4, "the company has its group of four"
    return db


def real_names(db: Path) -> set[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {n for (n,) in con.execute(
            "select distinct name from people where name is not null").fetchall()}
    finally:
        con.close()


def run_cli(*args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert cli(list(args)) == 0
    return out.getvalue()


def test_command_line_json_never_names_the_small_team(tiny_db):
    for args in (["signals", "--json"], ["compare", "--split", "reporting-line", "--json"],
                 ["compare", "--split", "date:2026-03-01", "--json"]):
        out = run_cli(*args, "--db", str(tiny_db))
        json.loads(out)
        assert TINY not in out, args


def test_download_functions_never_name_the_small_team(tiny_db):
    from orghealth import export, signals, ui
    from orghealth.case import compare

    con = signals.open_database(str(tiny_db))
    try:
        params = signals.SignalParams()
        for sid in signals.load_catalog():
            data = export.to_csv_bytes(ui.display_frame(signals.evidence(con, sid, params)))
            assert TINY.encode() not in data, sid
        for split in ("reporting-line", "date:2026-03-01"):
            text = compare.render_text(compare.compare(con, split, min_group_size=5))
            assert TINY not in text, split
    finally:
        con.close()


def test_no_page_shows_the_small_team(tiny_db, monkeypatch, tmp_path):
    """Every page, every element: text, tables, charts, pickers (the org chart apart, below)."""
    at = dashboard(monkeypatch, tmp_path, tiny_db).run()
    assert not at.exception
    assert TINY not in at.sidebar.selectbox(key="team").options
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.message for e in at.exception])
        leaks = [f"{where}: {text[:200]}" for where, text in shown(at) if TINY in text
                 and not any(page == p and w in where for p, w in STRUCTURE)]
        assert not leaks, (page, leaks)


def shown(at) -> list[tuple[str, str]]:
    """(element id, its content) for everything a page put on screen."""
    out = []
    for kind in ("markdown", "caption", "text", "title", "header", "subheader", "metric",
                 "html", "plotly_chart", "info", "warning", "success", "error", "table",
                 "selectbox", "select_slider", "radio", "multiselect", "expandable"):
        out += [(getattr(node.proto, "id", "") or kind, str(node.proto))
                for node in at.get(kind)]
    for frame in at.dataframe:
        cols = list(frame.value.columns)
        # the org chart's own table ("Show the teams") goes with the chart
        where = ("org_tree rows" if cols[:3] == ["Team", "Function", "Headcount"] else
                 "department_functions rows" if cols[:3] == ["Department", "Function", "People"]
                 else "table")
        out.append((where, frame.value.to_csv()))
    return out


# Views of the structure itself, which list every team with its headcount, small ones too.
STRUCTURE = [("pages/org.py", "org_tree"), ("pages/rules.py", "department_functions")]


@pytest.mark.parametrize("page", sorted({p for p, _ in STRUCTURE}))
def test_structure_views_hide_teams_under_the_minimum(tiny_db, monkeypatch, tmp_path, page):
    at = dashboard(monkeypatch, tmp_path, tiny_db).run()
    at.switch_page(page).run()
    assert not [w for w, text in shown(at) if TINY in text]


@pytest.mark.parametrize("ending", [".html", ".pptx", ".pdf", ""])
def test_snapshots_hold_neither_the_small_team_nor_real_names(tiny_db, tmp_path, ending):
    from conftest import chromium_path

    if ending in (".pdf", ""):
        chromium_path()
    from orghealth.snapshot import SnapshotOptions
    from orghealth.snapshot.build import make_snapshot

    out = make_snapshot(tiny_db, tmp_path / f"deck{ending}", SnapshotOptions(pseudonymize=True))
    text = everything_in(out)
    assert TINY not in text
    leaked = sorted(n for n in real_names(tiny_db) if len(n) > 3 and n in text)
    assert not leaked, leaked[:10]


def everything_in(out: Path) -> str:
    """All text a reader could find in a snapshot of any format."""
    if out.is_dir():
        return "\n".join(everything_in(p) for p in sorted(out.rglob("*")) if p.is_file()) \
            + "\n".join(p.name for p in out.rglob("*"))
    data = out.read_bytes()
    if out.suffix == ".pptx":
        with zipfile.ZipFile(out) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()
                             if n.endswith((".xml", ".rels")))
    if out.suffix == ".pdf":
        from pypdf import PdfReader

        reader = PdfReader(out)
        return "\n".join(page.extract_text() or "" for page in reader.pages) + \
            json.dumps({k: str(v) for k, v in (reader.metadata or {}).items()})
    if out.suffix == ".png":
        from PIL import Image

        with Image.open(out) as im:
            return json.dumps({k: str(v) for k, v in im.info.items()})
    return data.decode("utf-8", "replace")
