"""The orghealth benchmark: one command, one table.

    uv run python bench/run.py --scale S|M|L [--repeat N] [--work DIR]

Generates the company at that scale, then measures each step in a process of its own, several
times, and reports the median with its ratio to the floor it is held against, and each
step's peak memory (from ``os.wait4`` on that process). Results go to bench/results/ as
markdown and JSON. See bench/README.md for what the steps and targets are.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"

SCALES = {  # people, months
    "S": (300, 24),
    "M": (2000, 36),
    "L": (10000, 36),
}
THREE = ["sales_in_operations", "deferred_initiatives", "ps_reports_into_sales"]
TARGETS = {
    "ingest_vs_load_floor": 3.0,       # ingest within 3x CREATE TABLE AS read_csv
    "signals_warm_vs_floor": 2.0,      # all signals warm within 2x one aggregation
    "signals_cold_s": 5.0,
    "filter_change_s": 0.3,
    "team_view_one_vs_two_pass": 0.65,  # the overview's signs now and 3 months back, one pass
    "notebook_speedup": 10.0,
    "peak_rss_mb": 3072.0,
}


# ---------------------------------------------------------------- running one step

def child_env(work: Path) -> dict:
    env = dict(os.environ)
    # A user's install keeps compiled bytecode; without it every process recompiles pandas,
    # polars and streamlit from source (seconds). Keep it in the work folder, not the checkout.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def run_step(name: str, args: dict, work: Path) -> dict:
    """Run bench/steps.py NAME in a new process; its result, wall time and peak memory."""
    cmd = [sys.executable, str(HERE / "steps.py"), name, json.dumps(args)]
    out_path, err_path = work / f"{name}.out", work / f"{name}.err"
    started = time.perf_counter()
    with open(out_path, "w") as out, open(err_path, "w") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=child_env(work), cwd=HERE.parent)
        # wait4 gives this one process's own peak RSS, whatever ran before it
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    text = out_path.read_text()
    line = next((x for x in text.splitlines() if x.startswith("BENCH-RESULT ")), None)
    if code != 0 or line is None:
        tail = "\n".join(err_path.read_text().strip().splitlines()[-15:])
        raise RuntimeError(f"step {name} failed (exit {code}):\n{tail}")
    result = json.loads(line.removeprefix("BENCH-RESULT "))
    result["process_s"] = wall
    result["cpu_s"] = usage.ru_utime + usage.ru_stime
    result["peak_rss_mb"] = usage.ru_maxrss / 1024  # kB on Linux
    return result


def measure(name: str, args: dict, work: Path, repeat: int, log) -> dict:
    """The step ``repeat`` times: every run kept, the median of each timing reported."""
    runs = []
    for i in range(repeat):
        log(f"  {name} run {i + 1}/{repeat} …")
        runs.append(run_step(name, args, work))
        # a long run at scale L keeps what it measured even if a later step fails
        with open(work / "runs.jsonl", "a") as f:
            f.write(json.dumps({"step": name, **runs[-1]}, default=str) + "\n")
    return _summary(runs)


STEP_ORDER = ("generate", "floor_read", "floor_load", "ingest", "floor_aggregate", "signals",
              "notebook", "dashboard", "team_view", "snapshot")


def _summary(runs: list[dict]) -> dict:
    keys = [k for k, v in runs[0].items() if isinstance(v, int | float) and not isinstance(v, bool)]
    med = {k: statistics.median(r[k] for r in runs if r.get(k) is not None) for k in keys
           if any(r.get(k) is not None for r in runs)}
    med["peak_rss_mb"] = max(r["peak_rss_mb"] or 0 for r in runs)
    return {"median": med, "runs": runs, "last": runs[-1]}


def _earlier_runs(work: Path, step: str) -> list[dict]:
    log = work / "runs.jsonl"
    if not log.exists():
        return []
    runs = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    return [r for r in runs if r.get("step") == step]


# ---------------------------------------------------------------- the benchmark

def machine() -> dict:
    mem_kb = next(int(line.split()[1]) for line in open("/proc/meminfo")
                  if line.startswith("MemTotal"))
    return {"cores": os.cpu_count(), "memory_gb": round(mem_kb / 1024 / 1024, 1),
            "cpu": _cpu_name(), "python": platform.python_version(),
            "load_before": os.getloadavg()}


def _cpu_name() -> str:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def _versions() -> dict:
    from importlib.metadata import version

    return {p: version(p) for p in ("duckdb", "polars", "pandas", "streamlit")}


def input_size(data: Path) -> tuple[int, int]:
    files = [p for p in data.rglob("*") if p.is_file() and p.suffix in (".csv", ".json")]
    return len(files), sum(p.stat().st_size for p in files)


def benchmark(scale: str, repeat: int, work: Path, steps: set[str], log,
              data: Path | None = None, db: Path | None = None) -> dict:
    """Every step asked for; ``data``/``db`` reuse exports or a database made before."""
    people, months = SCALES[scale]
    work.mkdir(parents=True, exist_ok=True)
    if data is not None:
        steps = steps - {"generate"}   # never write over exports we were given
    data = data or work / "data"
    built = work / "orghealth.duckdb"
    db = db or built
    res: dict = {"scale": scale, "people": people, "months": months, "repeat": repeat,
                 "machine": machine(), "versions": _versions(),
                 "started": datetime.now(UTC).isoformat(timespec="seconds"), "steps": {}}
    S = res["steps"]

    gen_repeat = 1 if scale == "L" else repeat
    if "generate" in steps or not data.exists():
        log("generate")
        S["generate"] = measure("generate", {"out": str(data), "people": people,
                                             "months": months}, work, gen_repeat, log)

    files, size = input_size(data)
    res["input"] = {"files": files, "bytes": size, "mb": round(size / 1e6, 1)}

    if "ingest" in steps or not db.exists():
        log("floors: read and load the same files")
        S["floor_read"] = measure("floor_read", {"data": str(data)}, work, repeat, log)
        S["floor_load"] = measure("floor_load", {"data": str(data), "db": str(work / "floor.duckdb")},
                                  work, repeat, log)
        log("ingest")
        S["ingest"] = measure("ingest", {"data": str(data), "db": str(built)}, work, repeat, log)
    if "signals" in steps:
        log("signals, and the one-aggregation floor")
        S["floor_aggregate"] = measure("floor_aggregate", {"db": str(db), "repeat": repeat},
                                       work, repeat, log)
        S["signals"] = measure("signals", {"db": str(db), "repeat": repeat, "three": THREE},
                               work, repeat, log)
    if "notebook" in steps:
        log("the pandas notebook")
        S["notebook"] = measure("notebook", {"data": str(data)}, work, repeat, log)
    if "dashboard" in steps:
        log("dashboard")
        S["dashboard"] = measure("dashboard", {"db": str(db)}, work, repeat, log)
    if "team_view" in steps:
        log("a team's first view: one pass against two")
        S["team_view"] = measure("team_view", {"db": str(db)}, work, repeat, log)
    if "snapshot" in steps:
        log("snapshot")
        S["snapshot"] = measure("snapshot", {"db": str(db), "out": str(work / "snapshot.pptx")},
                                work, repeat, log)
    for step in STEP_ORDER:
        # steps not run this time but measured by an earlier run in this folder (a long run at
        # scale L done in parts): reported as such
        if step not in S and (earlier := _earlier_runs(work, step)):
            S[step] = _summary(earlier)
            S[step]["earlier"] = True
    res["steps"] = {k: S[k] for k in STEP_ORDER if k in S}
    res["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    res["machine"]["load_after"] = os.getloadavg()
    res["verdict"] = verdict(res)
    return res


# ---------------------------------------------------------------- ratios and targets

def _m(res: dict, step: str, key: str) -> float | None:
    return res["steps"].get(step, {}).get("median", {}).get(key)


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def verdict(res: dict) -> list[dict]:
    """Each target: what was measured, the goal, and whether it was met."""
    out = []

    def add(target: str, value: float | None, goal: float, unit: str, lower_is_better=True):
        met = None if value is None else (value <= goal if lower_is_better else value >= goal)
        out.append({"target": target, "value": value, "goal": goal, "unit": unit, "met": met})

    add("ingest ÷ DuckDB create-table-as-read floor",
        _ratio(_m(res, "ingest", "seconds"), _m(res, "floor_load", "seconds")),
        TARGETS["ingest_vs_load_floor"], "×")
    add("the same, in CPU seconds of the two processes",
        _ratio(_m(res, "ingest", "cpu_s"), _m(res, "floor_load", "cpu_s")),
        TARGETS["ingest_vs_load_floor"], "×")
    add("all signals warm ÷ one-aggregation floor",
        _ratio(_m(res, "signals", "warm_s"), _m(res, "floor_aggregate", "seconds")),
        TARGETS["signals_warm_vs_floor"], "×")
    add("the same, in CPU seconds (less sensitive to other work on the machine)",
        _ratio(_m(res, "signals", "warm_cpu_s"), _m(res, "floor_aggregate", "query_cpu_s")),
        TARGETS["signals_warm_vs_floor"], "×")
    add("all signals cold (new process: connect + evaluate)", _m(res, "signals", "cold_s"),
        TARGETS["signals_cold_s"], "s")
    add("filter change on the cached overview page (to a team seen before)",
        _m(res, "dashboard", "filter_cached_s"), TARGETS["filter_change_s"], "s")
    add("the same, in CPU seconds", _m(res, "dashboard", "filter_cached_cpu_s"),
        TARGETS["filter_change_s"], "s")
    add("a team's first view: one pass ÷ two evaluations (CPU seconds)",
        _ratio(_m(res, "team_view", "one_pass_cpu_s"), _m(res, "team_view", "two_pass_cpu_s")),
        TARGETS["team_view_one_vs_two_pass"], "×")
    add("pandas notebook ÷ orghealth, three signs (notebook from files; orghealth cold)",
        _ratio(_m(res, "notebook", "seconds"), _three_cold(res)),
        TARGETS["notebook_speedup"], "×", lower_is_better=False)
    add("pandas notebook compute only ÷ orghealth three signs warm",
        _ratio(_m(res, "notebook", "compute_s"), _m(res, "signals", "three_warm_s")),
        TARGETS["notebook_speedup"], "×", lower_is_better=False)
    peaks = [s["median"].get("peak_rss_mb") or 0 for k, s in res["steps"].items()
             if k not in ("generate", "notebook", "floor_read", "floor_load")]
    add("peak memory of any orghealth step", max(peaks) if peaks else None,
        TARGETS["peak_rss_mb"], "MB")
    return out


def _three_cold(res: dict) -> float | None:
    """Three signs from a cold process: the cold run scaled to three of the eleven signs is
    unfair to the notebook, so take the whole cold evaluation (all eleven) instead."""
    return _m(res, "signals", "cold_s")


# ---------------------------------------------------------------- writing the table

def fmt(v, unit="s") -> str:
    if v is None:
        return "–"
    if unit == "s":
        return f"{v:.3f} s" if v < 1 else f"{v:.2f} s" if v < 100 else f"{v:.0f} s"
    if unit == "×":
        return f"{v:.2f}×"
    if unit == "MB":
        return f"{v:,.0f} MB"
    return f"{v:,.1f} {unit}"


def markdown(res: dict) -> str:
    m = res["machine"]
    S = res["steps"]
    inp = res.get("input", {})
    lines = [
        f"# orghealth benchmark — scale {res['scale']} ({res['people']:,} people × "
        f"{res['months']} months)",
        "",
        f"Machine: {m['cores']} cores, {m['memory_gb']} GB, {m['cpu']}; Python {m['python']}; "
        + ", ".join(f"{k} {v}" for k, v in res["versions"].items()) + ".",
        f"Load average before/after: {_load(m['load_before'])} / {_load(m.get('load_after'))} "
        "(other work on the machine slows every figure alike).",
        f"Run {res['started']} → {res['finished']}; every figure is the median of "
        f"{res['repeat']} runs, each in a new process; peak RSS is that process's own.",
        f"Input: {inp.get('files')} files, {inp.get('mb')} MB.",
        "",
        "| step | median | vs. floor | CPU (whole process) | peak RSS | notes |",
        "|---|---|---|---|---|---|",
    ]

    def row(step, t, ratio="", rss=None, note=""):
        # the CPU of the whole process goes on the step's first row (where its RSS is)
        cpu = ""
        if rss is not None:
            key = next((k for k, v in S.items() if v["median"].get("peak_rss_mb") == rss), None)
            cpu = fmt(S[key]["median"].get("cpu_s")) if key else ""
        lines.append(f"| {step} | {t} | {ratio} | {cpu} | {fmt(rss, 'MB')} | {note} |")

    if "generate" in S:
        g = S["generate"]
        c = g["last"]["counts"]
        row("generate (orghealth generate)", fmt(g["median"]["seconds"]), "",
            g["median"]["peak_rss_mb"],
            f"{c['time_entries']:,} time entries, {c['tickets']:,} tickets, "
            f"{c['ticket_events']:,} ticket events, {c['people']:,} people")
    if "ingest" in S:
        fr, fl, ing = S["floor_read"], S["floor_load"], S["ingest"]
        secs = ing["median"]["seconds"]
        rows = ing["last"]["rows_read"]
        row("floor: `select count(*) from read_csv/read_json` of every file",
            fmt(fr["median"]["seconds"]), "", fr["median"]["peak_rss_mb"],
            f"{fr['last']['rows']:,} rows")
        row("floor: `create table as select * from read_csv/read_json` of every file",
            fmt(fl["median"]["seconds"]), "1.00×", fl["median"]["peak_rss_mb"],
            ", ".join(f"{k} files {fmt(v)}" for k, v in fl["last"].get("by_kind", {}).items()))
        row("**ingest** into a fresh database", fmt(secs),
            fmt(_ratio(secs, fl["median"]["seconds"]), "×") + " load, "
            + fmt(_ratio(secs, fr["median"]["seconds"]), "×") + " read",
            ing["median"]["peak_rss_mb"],
            f"{rows / secs:,.0f} rows/s, {inp['bytes'] / 1e6 / secs:,.1f} MB/s; "
            f"{rows:,} read = {ing['last']['rows_loaded']:,} loaded + "
            f"{ing['last']['rows_rejected']:,} rejected; imports {fmt(ing['median'].get('import_s'))}")
    if "signals" in S:
        fa, sg = S["floor_aggregate"], S["signals"]
        floor = fa["median"]["seconds"]
        row("floor: hours by function, month and activity over raw time entries ⋈ people",
            fmt(floor), "1.00×", fa["median"]["peak_rss_mb"],
            f"{fa['last']['time_entries']:,} entries → {fa['last']['groups']:,} groups")
        row("**all 11 signals, cold** (new process: connect + evaluate)",
            fmt(sg["median"]["cold_s"]), fmt(_ratio(sg["median"]["cold_s"], floor), "×"),
            sg["median"]["peak_rss_mb"],
            f"imports before it {fmt(sg['median'].get('import_s'))}")
        row("**all 11 signals, warm**", fmt(sg["median"]["warm_s"]),
            fmt(_ratio(sg["median"]["warm_s"], floor), "×"), None,
            f"same connection; CPU {fmt(sg['median'].get('warm_cpu_s'))} vs. the floor's "
            f"{fmt(fa['median'].get('query_cpu_s'))} = "
            + fmt(_ratio(sg["median"].get("warm_cpu_s"), fa["median"].get("query_cpu_s")), "×"))
        row("three signs (sales time on operations, initiative deferrals, PS under Sales), warm",
            fmt(sg["median"]["three_warm_s"]), fmt(_ratio(sg["median"]["three_warm_s"], floor), "×"),
            None, "")
        statuses = sg["last"]["statuses"]
        res.setdefault("notes", []).append(
            "Signal statuses: " + ", ".join(f"{k} {v}" for k, v in statuses.items()))
    if "notebook" in S:
        nb = S["notebook"]["median"]
        sg = S.get("signals", {}).get("median", {})
        row("**pandas notebook**, three signs, from the files", fmt(nb["seconds"]),
            (fmt(_ratio(nb["seconds"], sg.get("cold_s")), "×") + " orghealth cold (all 11)")
            if sg else "", nb["peak_rss_mb"],
            f"read {fmt(nb['read_s'])}, org by month {fmt(nb['org_s'])}, "
            f"sales ops {fmt(nb['sales_in_operations_s'])}, deferrals "
            f"{fmt(nb['deferred_initiatives_s'])}, chain walk {fmt(nb['ps_reports_into_sales_s'])}")
        row("pandas notebook, compute only (frames in memory)", fmt(nb["compute_s"]),
            (fmt(_ratio(nb["compute_s"], sg.get("three_warm_s")), "×") + " orghealth three warm")
            if sg else "", None, "")
    if "dashboard" in S:
        d = S["dashboard"]["median"]
        row("dashboard overview, first view (AppTest, new process, cold caches)", fmt(d["first_s"]), "",
            d["peak_rss_mb"], f"imports {fmt(d.get('import_s'))}")
        def cpu(k):
            return f"CPU {fmt(d.get(k + '_cpu_s'))}"

        row("overview page script, rerun (all cached)", fmt(d["rerun_s"]), "", None, cpu("rerun"))
        row("**filter change**: a team not seen before (every sign for now and 3 months "
            "earlier, in one pass)", fmt(d["filter_new_s"]), "", None,
            f"{S['dashboard']['last']['team']}; {cpu('filter_new')}")
        row("**filter change**: back to all teams (cached)", fmt(d["filter_back_s"]), "", None,
            cpu("filter_back"))
        row("**filter change**: the team again (cached)", fmt(d["filter_cached_s"]), "", None,
            cpu("filter_cached"))
    if "team_view" in S:
        tv = S["team_view"]["median"]
        row("a team's signs now and 3 months earlier: two evaluations (as before)",
            fmt(tv["two_pass_s"]), "", tv["peak_rss_mb"], f"CPU {fmt(tv['two_pass_cpu_s'])}; "
            f"median of {S['team_view']['last']['teams']} teams")
        row("the same in one pass (what the overview does)", fmt(tv["one_pass_s"]),
            fmt(_ratio(tv["one_pass_s"], tv["two_pass_s"]), "×"), None,
            f"CPU {fmt(tv['one_pass_cpu_s'])}; the two agree on every number")
    if "snapshot" in S:
        s = S["snapshot"]["median"]
        row("snapshot build (PPTX)", fmt(s["seconds"]), "", s["peak_rss_mb"],
            f"{s['bytes'] / 1e6:.1f} MB")
    lines += ["", "## Targets", "", "| target | measured | goal | met |", "|---|---|---|---|"]
    for v in res["verdict"]:
        met = "–" if v["met"] is None else ("yes" if v["met"] else "**no**")
        op = "≥" if "notebook" in v["target"] else "≤"
        lines.append(f"| {v['target']} | {fmt(v['value'], v['unit'])} | {op} "
                     f"{fmt(v['goal'], v['unit'])} | {met} |")
    earlier = [k for k, v in S.items() if v.get("earlier")]
    if earlier:
        res.setdefault("notes", []).append(
            "Measured by an earlier run in the same work folder (same data): " + ", ".join(earlier))
    if res.get("notes"):
        lines += [""] + [f"- {n}" for n in res["notes"]]
    return "\n".join(lines) + "\n"


def _load(avg) -> str:
    return "–" if not avg else "/".join(f"{x:.1f}" for x in avg)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--scale", choices=SCALES, default="S")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", type=Path, help="folder for the data and databases "
                    "(default: a folder per scale under the system temp folder)")
    ap.add_argument("--steps",
                    default="generate,ingest,signals,notebook,dashboard,team_view,snapshot",
                    help="comma-separated subset; generate and ingest run anyway when missing")
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--data", type=Path, help="use these exports instead of generating them")
    ap.add_argument("--db", type=Path, help="measure signals, dashboard and snapshot on this "
                    "database instead of the one the ingest step builds")
    args = ap.parse_args(argv)
    work = args.work or Path(os.environ.get("TMPDIR", "/tmp")) / f"orghealth-bench-{args.scale}"

    def log(msg: str) -> None:
        print(f"[{datetime.now():%H:%M:%S}] {msg}", file=sys.stderr, flush=True)

    res = benchmark(args.scale, args.repeat, work, set(args.steps.split(",")), log,
                    data=args.data, db=args.db)
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    for name in (f"{args.scale}-{stamp}", f"latest-{args.scale}"):
        (args.out / f"{name}.json").write_text(json.dumps(res, indent=2, default=str))
    md = markdown(res)
    for name in (f"{args.scale}-{stamp}", f"latest-{args.scale}"):
        (args.out / f"{name}.md").write_text(md)
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
