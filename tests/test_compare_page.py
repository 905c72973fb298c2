"""The reporting-line case page in-process: it shows the findings the command line gives."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from test_compare_sql import build_company

from orghealth.cli import main as cli

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def case_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("case_page") / "case.duckdb"
    con = duckdb.connect(str(path))
    build_company(con, moved=True)
    con.close()
    return path


@pytest.fixture()
def page(case_db, monkeypatch, tmp_path):
    monkeypatch.setenv("ORGHEALTH_DB", str(case_db))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page("pages/case.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_page_shows_the_command_lines_findings(page, case_db, capsys):
    capsys.readouterr()
    assert cli(["compare", "--db", str(case_db), "--split", "reporting-line", "--json"]) == 0
    expected = json.loads(capsys.readouterr().out)
    shown = _text(page)
    assert expected["findings"]
    for f in expected["findings"]:
        assert f["sentence"] in shown
    charts = page.get("plotly_chart")
    assert charts, "no chart on the page"
    trend = json.loads(charts[0].proto.spec)
    assert trend["layout"]["shapes"], "the move is not marked"


def test_page_with_a_chosen_date(page):
    page.radio(key="case_split").set_value("date").run()
    page.date_input(key="case_date").set_value(date(2024, 7, 1)).run()
    assert not page.exception, [e.message for e in page.exception]
    assert "After 1 July 2024" in _text(page)


def _cli_json(capsys, case_db, *args) -> dict:
    capsys.readouterr()
    assert cli(["compare", "--db", str(case_db), "--split", "reporting-line", "--json",
                *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_page_follows_the_sidebar_period_as_the_command_line_does(page, case_db, capsys):
    page.date_input(key="period").set_value((date(2024, 4, 1), date(2024, 10, 31))).run()
    assert not page.exception, [e.message for e in page.exception]
    expected = _cli_json(capsys, case_db, "--from", "2024-04-01", "--to", "2024-10-31")
    whole = _cli_json(capsys, case_db)
    shown = _text(page)
    assert "April 2024 to October 2024" in shown
    assert expected["findings"]
    for f in expected["findings"]:
        assert f["sentence"] in shown
    # the narrower period's sentences are not the whole year's
    assert {f["sentence"] for f in expected["findings"]} != {f["sentence"] for f in
                                                             whole["findings"]}
    assert not any(f["sentence"] in shown for f in whole["findings"]
                   if f["sentence"] not in {g["sentence"] for g in expected["findings"]})


def test_page_with_a_period_before_the_move_says_so(page, case_db, capsys):
    page.date_input(key="period").set_value((date(2024, 1, 1), date(2024, 6, 30))).run()
    assert not page.exception, [e.message for e in page.exception]
    expected = _cli_json(capsys, case_db, "--to", "2024-06-30")
    assert expected["findings"] == [] and expected["note"]
    assert any(expected["note"] in i.value for i in page.info)
    assert "No comparison is made over these months" in _text(page)
