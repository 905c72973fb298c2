"""One measured step of the benchmark, run in a process of its own.

``python bench/steps.py STEP JSON_ARGS`` does the step and prints one JSON line with what it
measured. ``bench/run.py`` starts it, and reads the process's peak memory from the operating
system (``os.wait4``), so no step's memory hides another's.

Times are taken around the work itself (``seconds``); imports are timed apart (``import_s``)
because a long-running dashboard pays them once.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CSV_DIRS = ("hr", "jira", "time", "crm", "projects")


def input_files(data: Path) -> list[Path]:
    return sorted(p for p in data.rglob("*") if p.is_file() and p.suffix in (".csv", ".json"))


# ---------------------------------------------------------------- generate

def step_generate(a: dict) -> dict:
    t0 = time.perf_counter()
    from orghealth.generate import generate_company

    imported = time.perf_counter()
    company = generate_company(Path(a["out"]), people=a["people"], months=a["months"],
                               scenario="troubled", seed=a.get("seed", 7))
    done = time.perf_counter()
    return {"seconds": done - imported, "import_s": imported - t0, "counts": company.counts,
            "files": len(company.files)}


# ---------------------------------------------------------------- floors

def _reader(path: Path) -> str:
    # the bare readers with their defaults, except that a malformed line (the exports carry a
    # few on purpose) is skipped instead of stopping the read; ingest accounts for those lines
    return "read_json($p)" if path.suffix == ".json" else "read_csv($p, ignore_errors=true)"


def step_floor_read(a: dict) -> dict:
    import duckdb

    con = duckdb.connect()
    files = input_files(Path(a["data"]))
    t = time.perf_counter()
    rows, by_kind = 0, {}
    for f in files:
        s = time.perf_counter()
        rows += con.execute(f"select count(*) from {_reader(f)}", {"p": str(f)}).fetchall()[0][0]  # noqa: S608
        by_kind[f.suffix] = by_kind.get(f.suffix, 0) + time.perf_counter() - s
    return {"seconds": time.perf_counter() - t, "rows": rows, "files": len(files),
            "by_kind": by_kind}


def step_floor_load(a: dict) -> dict:
    import duckdb

    target = Path(a["db"])
    target.unlink(missing_ok=True)
    con = duckdb.connect(str(target))
    files = input_files(Path(a["data"]))
    t = time.perf_counter()
    by_kind = {}
    for i, f in enumerate(files):
        s = time.perf_counter()
        con.execute(f"create table t{i} as select * from {_reader(f)}", {"p": str(f)})  # noqa: S608
        by_kind[f.suffix] = by_kind.get(f.suffix, 0) + time.perf_counter() - s
    con.execute("checkpoint")
    con.close()
    seconds = time.perf_counter() - t
    target.unlink(missing_ok=True)
    return {"seconds": seconds, "files": len(files), "by_kind": by_kind}


# ---------------------------------------------------------------- ingest

def step_ingest(a: dict) -> dict:
    t0 = time.perf_counter()
    from orghealth.ingest import ingest_paths

    imported = time.perf_counter()
    target = Path(a["db"])
    target.unlink(missing_ok=True)
    report = ingest_paths([a["data"]], target)
    done = time.perf_counter()
    return {"seconds": done - imported, "import_s": imported - t0,
            "rows_read": report.rows_read, "rows_loaded": report.rows_loaded,
            "rows_rejected": report.rows_rejected}


# ---------------------------------------------------------------- signals

def step_signals(a: dict) -> dict:
    """Cold: the first evaluation on a new connection. Warm: the same, repeated."""
    t0 = time.perf_counter()
    from orghealth import signals

    imported = time.perf_counter()
    con = signals.open_database(a["db"])
    cold = signals.evaluate_all(con)
    cold_s = time.perf_counter() - imported
    warm, warm_cpu = [], []
    for _ in range(a.get("repeat", 3)):
        t, c = time.perf_counter(), time.process_time()
        signals.evaluate_all(con)
        warm.append(time.perf_counter() - t)
        warm_cpu.append(time.process_time() - c)
    three = []
    for _ in range(a.get("repeat", 3)):
        t = time.perf_counter()
        for sid in a["three"]:
            signals.evaluate(con, sid)
        three.append(time.perf_counter() - t)
    return {"cold_s": cold_s, "import_s": imported - t0, "warm_s": statistics.median(warm),
            "warm_cpu_s": statistics.median(warm_cpu),
            "warm_runs": warm, "three_warm_s": statistics.median(three),
            "statuses": {r.id: r.status for r in cold},
            "values": {r.id: r.value for r in cold}}


FLOOR_SQL = """
select p.function, date_trunc('month', t.date) as month, t.activity, sum(t.hours) as hours
from time_entries as t
join people as p
  on p.person_id = t.person_id and t.date >= p.valid_from
 and (p.valid_to is null or t.date < p.valid_to)
group by all
"""


def step_floor_aggregate(a: dict) -> dict:
    """The least work one signal of the hours kind must do: one pass over the raw entries."""
    import duckdb

    con = duckdb.connect(a["db"], read_only=True)
    t = time.perf_counter()
    rows = len(con.execute(FLOOR_SQL).fetchall())
    cold = time.perf_counter() - t
    runs, cpu = [], []
    for _ in range(a.get("repeat", 3)):
        t, c = time.perf_counter(), time.process_time()
        con.execute(FLOOR_SQL).fetchall()
        runs.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    entries = con.execute("select count(*) from time_entries").fetchall()[0][0]
    return {"seconds": statistics.median(runs), "query_cpu_s": statistics.median(cpu),
            "cold_s": cold, "runs": runs, "groups": rows,
            "time_entries": entries}


# ---------------------------------------------------------------- the pandas notebook

def step_notebook(a: dict) -> dict:
    sys.path.insert(0, str(ROOT / "bench"))
    t0 = time.perf_counter()
    import notebook_pandas

    imported = time.perf_counter()
    out = notebook_pandas.run(Path(a["data"]))
    out["import_s"] = imported - t0
    return out


# ---------------------------------------------------------------- the dashboard

def step_dashboard(a: dict) -> dict:
    """The overview page: its first view through Streamlit's AppTest, then filter changes.

    AppTest adds seconds of its own to every run (it scans installed packages for components
    and polls while the script runs), so the filter changes are timed on what the page script
    does: the same cached functions pages/overview.py calls, for a View like the sidebar's.
    The caches are this process's, warmed by the first view, as in a running dashboard.
    """
    import logging
    import os

    os.environ["ORGHEALTH_DB"] = a["db"]
    t0 = time.perf_counter()
    from streamlit.testing.v1 import AppTest

    from orghealth import db, ui

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    imported = time.perf_counter()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    t = time.perf_counter()
    at.run()
    first = time.perf_counter() - t
    problems = [str(e.value) for e in at.exception]
    box = next((s for s in at.selectbox if s.key == "team"), None)
    if problems or box is None or not at.metric:
        raise RuntimeError(f"the overview page did not show (exceptions: {problems})")
    # options are the teams after "All teams", possibly shown as "Team · Function"
    labels = [o.split(" · ")[0] for o in box.options[1:]]
    team = a.get("team") or next((o for o in labels if "Professional Services" in o), labels[0])

    view = at.session_state["_view"]
    path = Path(view.db)
    assert view.fingerprint == db.fingerprint(path)

    def page(team: str | None) -> tuple[float, float]:
        # pages/overview.py after its header, for the view the sidebar would build
        v = ui.View(db=view.db, fingerprint=view.fingerprint, first_day=view.first_day,
                    last_day=view.last_day, date_from=view.date_from, date_to=view.date_to,
                    team=team)
        t, c = time.perf_counter(), time.process_time()
        results = ui.signal_results(v)
        ui.health_headline(results)
        ui.signal_cards(results)
        ui.what_changed(v, results)
        return time.perf_counter() - t, time.process_time() - c

    out = {"first_s": first, "team": team, "import_s": imported - t0, "cards": len(at.metric)}
    for key, which in (("rerun", None), ("filter_new", team), ("filter_back", None),
                       ("filter_cached", team)):
        out[f"{key}_s"], out[f"{key}_cpu_s"] = page(which)
    return out


def step_team_view(a: dict) -> dict:
    """The work behind the overview's first view of a team: every sign for the period and, for
    "what changed", for the period ending three months earlier. Timed both ways on the same
    teams, alternating: two evaluations (how it was done before), and one pass
    (``evaluate_all_and_earlier``, what the dashboard does now). The two must agree."""
    import datetime as dt

    t0 = time.perf_counter()
    from orghealth import signals, sql

    imported = time.perf_counter()
    con = signals.open_database(a["db"])
    first, last = signals.data_window(con)
    earlier = signals._add_months(last.replace(day=1), -2) - dt.timedelta(days=1)
    teams = sql.run(con, "signals/_teams")["team"].to_list()[: a.get("teams", 6)]
    signals.evaluate_all(con)   # the first query on a connection pays for opening the file
    two, two_cpu, one, one_cpu = [], [], [], []
    for team in teams:
        now_params = signals.SignalParams(team=team)
        then_params = signals.SignalParams(date_to=earlier, team=team)
        t, c = time.perf_counter(), time.process_time()
        pair = signals.evaluate_all(con, now_params), signals.evaluate_all(con, then_params)
        two.append(time.perf_counter() - t)
        two_cpu.append(time.process_time() - c)
        t, c = time.perf_counter(), time.process_time()
        both = signals.evaluate_all_and_earlier(con, now_params, earlier)
        one.append(time.perf_counter() - t)
        one_cpu.append(time.process_time() - c)
        for old, new in zip(pair, both, strict=True):
            if [r.to_json() for r in old] != [r.to_json() for r in new]:
                raise RuntimeError(f"one pass and two passes disagree for {team}")
    return {"teams": len(teams), "import_s": imported - t0,
            "two_pass_s": statistics.median(two), "two_pass_cpu_s": statistics.median(two_cpu),
            "one_pass_s": statistics.median(one), "one_pass_cpu_s": statistics.median(one_cpu)}


# ---------------------------------------------------------------- snapshot

def step_snapshot(a: dict) -> dict:
    t0 = time.perf_counter()
    from orghealth.cli import main

    imported = time.perf_counter()
    out = Path(a["out"])
    code = main(["snapshot", "--db", a["db"], "--out", str(out)])
    done = time.perf_counter()
    size = out.stat().st_size if out.is_file() else sum(
        p.stat().st_size for p in out.rglob("*") if p.is_file())
    return {"seconds": done - imported, "import_s": imported - t0, "exit": code, "bytes": size}


STEPS = {name[5:]: fn for name, fn in globals().items() if name.startswith("step_")}

if __name__ == "__main__":
    name, args = sys.argv[1], json.loads(sys.argv[2])
    result = STEPS[name](args)
    print("BENCH-RESULT " + json.dumps(result, default=str), flush=True)
