"""The benchmark runs end to end at scale S, so it cannot rot. No timing is asserted here:
speed belongs to bench/run.py, on a quiet machine."""

from __future__ import annotations

import importlib.util
import json

import pytest

from orghealth.paths import ROOT, SAMPLE_DATA_DIR


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench_result(tmp_path_factory, sample_db):
    run = _load("run")
    work = tmp_path_factory.mktemp("bench")
    out = work / "results"
    code = run.main(["--scale", "S", "--repeat", "1", "--work", str(work), "--out", str(out),
                     "--data", str(SAMPLE_DATA_DIR), "--db", str(sample_db),
                     "--steps", "ingest,signals,notebook,dashboard,team_view"])
    assert code == 0
    return json.loads((out / "latest-S.json").read_text()), (out / "latest-S.md").read_text()


def test_every_step_reports_a_time_and_its_own_peak_memory(bench_result):
    res, _ = bench_result
    steps = res["steps"]
    for name in ("floor_read", "floor_load", "ingest", "floor_aggregate", "signals", "notebook",
                 "dashboard"):
        median = steps[name]["median"]
        assert median["peak_rss_mb"] > 10, name          # a Python process, measured on its own
        assert median["process_s"] > 0, name
    assert res["machine"]["cores"] >= 1 and res["machine"]["memory_gb"] > 0


def test_ingest_accounts_for_every_row_and_floors_read_the_same_files(bench_result):
    res, _ = bench_result
    ing = res["steps"]["ingest"]["last"]
    assert ing["rows_read"] == ing["rows_loaded"] + ing["rows_rejected"]
    assert ing["rows_rejected"] >= 1                     # the bundled files carry mangled rows
    assert res["steps"]["floor_read"]["last"]["files"] == res["input"]["files"]


def test_signals_and_the_notebook_read_the_same_company(bench_result):
    res, _ = bench_result
    signals = res["steps"]["signals"]["last"]
    assert len(signals["statuses"]) == 11
    notebook = res["steps"]["notebook"]["last"]
    assert notebook["rows"]["time_entries"] > 10_000
    # the notebook walks the same reporting lines: PS under Sales after the move
    assert notebook["latest"]["ps_reports_into_sales_last"] == pytest.approx(
        signals["values"]["ps_reports_into_sales"], abs=10)


def test_dashboard_filter_change_is_measured_on_a_real_team(bench_result):
    res, _ = bench_result
    dash = res["steps"]["dashboard"]["last"]
    assert dash["cards"] >= 11
    assert dash["team"] and "·" not in dash["team"]


def test_table_names_every_target_with_its_ratio(bench_result):
    res, md = bench_result
    targets = {v["target"] for v in res["verdict"]}
    assert len(targets) == 11
    for v in res["verdict"]:
        if "snapshot" not in v["target"]:
            assert v["value"] is not None, v
    assert "| **ingest** into a fresh database |" in md
    assert "## Targets" in md and "cores" in md
