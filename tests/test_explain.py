"""orghealth ingest --explain: what would happen to a file, with nothing written."""

from __future__ import annotations

from pathlib import Path

from orghealth.cli import main
from orghealth.ingest.explain import explain, render, staging_columns

FIXTURES = Path(__file__).parent / "fixtures"


def test_explain_salesforce_report(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = FIXTURES / "exports" / "presets" / "salesforce" / "report1711900000000.csv"
    assert main(["ingest", "--explain", str(report)]) == 0
    out = capsys.readouterr().out
    assert "Salesforce opportunity report (--as salesforce), into the deals table" in out
    assert "Separator:  comma" in out
    assert "month first: column 'Close Date' has '3/31/2024'" in out
    assert "Opportunity Owner → owner_id" in out
    assert "Rows: 3 read, 2 would load, 1 would be rejected — 3 footer line(s)" in out
    assert "closed_at=2024-03-31" in out and "amount=12500.0" in out
    assert "line 4: Amount: 'abc' is not an amount" in out
    assert "People (owner_id) show as exported here" in out
    assert list(tmp_path.iterdir()) == []                 # no database anywhere


def test_explain_names_encoding_and_translated_headers():
    e = explain(FIXTURES / "encodings" / "tempo_de" / "tempo-arbeitszeiten-2025-03.csv")
    assert e.encoding == "Windows-1252 text, converted to UTF-8"
    assert ("Stunden", "hours") in e.columns and e.format_name == "tempo_de"
    assert (e.rows_read, e.rows_loaded, e.rows_rejected) == (3, 2, 1)


def test_explain_a_mapping(capsys):
    cfg = FIXTURES / "mapping" / "orghealth.toml"
    e = explain(FIXTURES / "mapping" / "tracker_export_2025-03.csv", config=cfg)
    text = render(e)
    assert "the mapping 'tracker' in orghealth.toml" in text
    assert "written as %d.%m.%Y, as the mapping says" in text
    assert "State  → status" in text and "status=On Hold" in text


def test_explain_stops_where_the_load_would(tmp_path, capsys):
    src = tmp_path / "Clockify.csv"
    src.write_text('"Project","User","Email","Start Date","Duration (h)"\n'
                   '"P","Ann","a@x.test","03/04/2025","01:00:00"\n', encoding="utf-8")
    assert main(["ingest", "--explain", str(src)]) == 2
    out = capsys.readouterr().out
    assert "Loading would stop here" in out and "--date-order" in out and str(src) in out


def test_staging_columns_are_read_off_the_query():
    pairs = staging_columns("staging/stg_servicenow")
    assert ("number", "ticket_id") in pairs and ("assigned_to", "assignee_id") in pairs


def test_explain_a_json_export_shows_its_own_keys():
    e = explain(FIXTURES / "exports" / "presets" / "zendesk" / "zendesk-tickets.json")
    assert e.format_name == "zendesk_json" and e.delimiter is None
    assert ("requester_id", "reporter_id") in e.columns and ("tags", "labels") in e.columns
    assert "    created_at: 'not a date'" in render(e)
