"""The dashboard in-process (Streamlit AppTest): every page runs, and its numbers are the
numbers `orghealth signals --json` gives for the same database, window and team."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import dashboard

from orghealth import charts, theme
from orghealth.cli import main as cli

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


@pytest.fixture()
def app(sample_db, monkeypatch, tmp_path):
    at = dashboard(monkeypatch, tmp_path, sample_db, timeout=90)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def cli_signals(capsys, db: Path, *args: str) -> dict[str, dict]:
    capsys.readouterr()
    assert cli(["signals", "--db", str(db), "--json", *args]) == 0
    return {s["id"]: s for s in json.loads(capsys.readouterr().out)}


def shown_metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_an_error(app, page):
    app.switch_page(page).run()
    assert not app.exception, [e.message for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    assert app.title and app.title[0].value.strip()


def test_overview_shows_every_sign_as_the_command_line_does(app, sample_db, capsys):
    expected = cli_signals(capsys, sample_db)
    shown = shown_metrics(app)
    for s in expected.values():
        assert s["title"] in shown, f"no card for {s['id']}"
        want = "–" if s["status"] == "insufficient_data" else charts.format_value(s["value"],
                                                                               s["unit"])
        assert shown[s["title"]] == want, s["id"]
    for status in ("red", "amber", "green", "insufficient_data"):
        count = sum(1 for s in expected.values() if s["status"] == status)
        assert shown[theme.status_label(status)] == str(count)
    assert any(s["status"] == "red" for s in expected.values()), "the bundled company is troubled"


def test_what_changed_lists_the_signs_whose_colour_moved_since_three_months_before(
        app, sample_db, capsys):
    _, last = app.date_input(key="period").value
    month = last.month - 3
    earlier_day = dt.date(last.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    now = cli_signals(capsys, sample_db)
    # the earlier view ends on the same day of the month, three months back
    earlier_to = max(d for d in (earlier_day + dt.timedelta(days=i) for i in range(31))
                     if d.month == earlier_day.month and d.day <= last.day)
    before = cli_signals(capsys, sample_db, "--to", earlier_to.isoformat())
    moved = {s["title"] for k, s in now.items() if s["status"] != before[k]["status"]}
    assert moved, "the bundled company has signs that changed colour"
    shown = "\n".join(m.value for m in app.markdown)
    assert earlier_to.strftime("%d %B %Y") in "\n".join(c.value for c in app.caption)
    assert {t for t in moved if f"**{t}**" in shown} == moved


def test_filters_set_by_key_give_the_command_lines_numbers(app, sample_db, capsys):
    first, last = app.date_input(key="period").value
    start = dt.date(first.year + (first.month + 5) // 12, (first.month + 5) % 12 + 1, 1)
    end = last - dt.timedelta(days=62)
    team = next(o for o in app.selectbox(key="team").options if "North" in o)
    team_name = team
    app.date_input(key="period").set_value((start, end)).run()
    app.selectbox(key="team").set_value(team_name).run()
    assert not app.exception, [e.message for e in app.exception]
    expected = cli_signals(capsys, sample_db, "--from", start.isoformat(),
                           "--to", end.isoformat(), "--team", team_name)
    shown = shown_metrics(app)
    for s in expected.values():
        want = "–" if s["status"] == "insufficient_data" else charts.format_value(s["value"],
                                                                               s["unit"])
        assert shown[s["title"]] == want, s["id"]
    # the family pages show the same numbers for the same view
    app.switch_page("pages/services.py").run()
    shown = shown_metrics(app)
    for sid in ("deferred_initiatives", "scapegoating", "proactive_decline"):
        s = expected[sid]
        want = "–" if s["status"] == "insufficient_data" else charts.format_value(s["value"],
                                                                               s["unit"])
        assert shown[s["title"]] == want, sid


def test_each_sign_page_has_its_chart_with_thresholds_and_its_rows(app, sample_db, capsys):
    expected = cli_signals(capsys, sample_db)
    app.switch_page("pages/services.py").run()
    specs = [json.loads(c.proto.spec) for c in app.get("plotly_chart")]
    with_lines = [s for s in specs if any(sh.get("type") == "line"
                                          for sh in s["layout"].get("shapes", []))]
    reds = {expected[i]["red"] for i in ("deferred_initiatives", "scapegoating")
            if expected[i]["status"] != "insufficient_data"}
    drawn = {sh["y0"] for s in with_lines for sh in s["layout"]["shapes"]}
    assert reds <= drawn
    labels = [e.label for e in app.expander]
    assert sum(1 for label in labels if label.startswith("Show the rows")) == 3


def test_org_page_draws_the_org_chart_and_changes(app):
    app.switch_page("pages/org.py").run()
    specs = [json.loads(c.proto.spec) for c in app.get("plotly_chart")]
    kinds = {t["type"] for s in specs for t in s["data"]}
    assert {"icicle", "bar", "histogram", "scatter"} <= kinds
    tree = next(t for s in specs for t in s["data"] if t["type"] == "icicle")
    assert any("reports into Sales" in label for label in tree["labels"]), \
        "the bundled company has a Services unit under Sales"


def test_no_raw_column_names_in_tables(app):
    for page in PAGES:
        app.switch_page(page).run()
        for frame in app.dataframe:
            raw = [c for c in frame.value.columns if "_" in str(c)]
            assert not raw, f"{page}: {raw}"


def test_upload_of_an_export_loads_it_into_the_apps_own_folder(app, tmp_path):
    hr = next((ROOT / "sample_data").rglob("bamboohr*.csv"))
    app.sidebar.radio(key="source").set_value("upload").run()
    app.file_uploader(key="upload_files").set_value(
        ("../../" + hr.name, hr.read_bytes(), "text/csv")).run()
    app.button(key="upload_load").click().run()
    assert not app.exception, [e.message for e in app.exception]
    uploads = tmp_path / "cache" / "orghealth" / "uploads"
    written = [p for p in uploads.rglob("*") if p.is_file()]
    assert any(p.name == hr.name for p in written)
    assert all(uploads in p.parents for p in written)
    accounting = app.sidebar.dataframe[0].value
    assert accounting["Rows read"].sum() == accounting["Rows loaded"].sum() + \
        accounting["Rows set aside"].sum() > 0
    app.switch_page("pages/overview.py").run()
    assert not app.exception


def test_the_bundled_company_can_be_picked_in_the_sidebar(app, tmp_path):
    app.sidebar.radio(key="source").set_value("bundled").run()
    assert not app.exception, [e.message for e in app.exception]
    assert (tmp_path / "cache" / "orghealth" / "demo.duckdb").is_file()
    assert any(c.value.startswith("Data: demo.duckdb") for c in app.sidebar.caption)
    assert app.metric, "the overview shows the bundled company's signs"
