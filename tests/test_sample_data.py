"""The bundled company: it is exactly what `orghealth generate` writes, it stays small, and its
README (the single source of what the signals must show) agrees with the generator."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from orghealth.generate import generate_company
from orghealth.generate.expected import SIGNALS, expectations
from orghealth.generate.plan import Plan
from orghealth.paths import SAMPLE_DATA_DIR

README = SAMPLE_DATA_DIR / "README.md"


def data_files(folder: Path) -> dict[str, Path]:
    return {str(p.relative_to(folder)): p for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "README.md"}


def readme_yaml() -> list[dict]:
    block = re.search(r"```yaml\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert block, "sample_data/README.md needs one ```yaml block"
    return yaml.safe_load(block.group(1))["expected"]


def test_sample_data_is_exactly_what_generate_writes(tmp_path):
    company = generate_company(tmp_path)
    ours, bundled = data_files(tmp_path), data_files(SAMPLE_DATA_DIR)
    assert ours.keys() == bundled.keys()
    for name, path in ours.items():
        assert path.read_bytes() == bundled[name].read_bytes(), f"{name} differs: regenerate"
    readme = README.read_text(encoding="utf-8")
    for m in company.mangled:
        rows = [line for line in readme.splitlines() if m.file in line and f"| {m.line} |" in line]
        assert rows, f"README does not list line {m.line} of {m.file}"
        assert ("rejects" in rows[0]) == (m.outcome == "rejected"), rows[0]
    flat = " ".join(readme.split())  # names may wrap across lines
    for name in ("vp_sales", "ps_north_head", "ps_south_head", "presales_drift", "coo"):
        assert company.facts[name] in flat, company.facts[name]
    for person in company.facts["ops_reps"]:
        assert person in flat
    for account in company.facts["flagged_then_blamed_accounts"]:
        assert account in flat


def test_sample_data_stays_small():
    sizes = {name: p.stat().st_size for name, p in data_files(SAMPLE_DATA_DIR).items()}
    assert sum(sizes.values()) <= 8 * 1024 * 1024
    assert max(sizes.values()) <= 1.5 * 1024 * 1024, max(sizes, key=sizes.get)


def test_readme_yaml_is_the_generators_expectations():
    expected = readme_yaml()
    assert expected == (expectations(Plan(300, 24, "troubled", 7))
                        + expectations(Plan(300, 24, "healthy", 7)))
    for scenario in ("troubled", "healthy"):
        assert sorted(e["signal"] for e in expected if e["scenario"] == scenario) == sorted(SIGNALS)
    assert all(e["status"] in ("red", "amber", "fires", "green") for e in expected)
    assert all(e["status"] == "green" for e in expected if e["scenario"] == "healthy")


def test_signal_ids_are_the_designs():
    design = (Path(__file__).resolve().parents[1] / "queries" / "signals").glob("*.sql")
    ids = {p.stem for p in design if not p.stem.startswith("_") and "__" not in p.stem}
    assert set(SIGNALS) <= ids or not ids
