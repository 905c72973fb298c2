"""An export no preset knows, loaded through a [[mapping]] in orghealth.toml."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from orghealth.cli import main
from orghealth.config import load_rules
from orghealth.errors import InputError
from orghealth.ingest import ingest_paths
from orghealth.ingest.formats.mapping import formats_from_rules

MAPPING = Path(__file__).parent / "fixtures" / "mapping"
EXPORT = MAPPING / "tracker_export_2025-03.csv"
CONFIG = MAPPING / "orghealth.toml"


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    db = tmp_path_factory.mktemp("mapping") / "m.duckdb"
    ingest_paths([EXPORT], db, config=CONFIG)
    c = duckdb.connect(str(db), read_only=True)
    yield c
    c.close()


def test_custom_export_loads_through_the_mapping(con):
    got = con.execute("select ticket_id, strftime(created_at, '%Y-%m-%d'), status, account, type, labels "
                      "from tickets order by ticket_id").fetchall()
    assert got == [("T-1", "2025-03-17", "On Hold", "Acme", "Initiative", ["qbr", "health-check"]),  # Parked
                   ("T-2", "2025-03-18", "Open", "Beta", "Bug", None)]
    assert con.execute("select format, rows_read, rows_loaded, rows_rejected from ingest_log").fetchall() == [
        ("tracker", 4, 2, 2)]
    reasons = dict(con.execute("select line, reason from rejects").fetchall())
    assert reasons[4].startswith("created_at: '31.02.2025' is not a date like 17.03.2025;")
    assert reasons[5] == "duplicate of line 2 (same ticket id T-1); keep one of the two rows"


def test_the_mapping_is_found_by_headers_when_the_name_differs(tmp_path):
    renamed = tmp_path / "whatever.csv"
    shutil.copy(EXPORT, renamed)
    mapped = formats_from_rules(load_rules(CONFIG), CONFIG)
    from orghealth.ingest.formats.mapping import detect

    assert detect(renamed, None, mapped).name == "tracker"
    assert detect(renamed, "tracker", mapped).name == "tracker"


def bad_config(tmp_path, text: str) -> Path:
    p = tmp_path / "orghealth.toml"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("body, words", [
    ('name = "x"\ntable = "tickets"\n[mapping.columns]\nticket_id = "Ref"\n', "tickets needs created_at"),
    ('name = "x"\ntable = "orders"\n[mapping.columns]\na = "b"\n', "table = 'orders'"),
    ('name = "x"\ntable = "tickets"\n[mapping.columns]\nticket_id = "Ref"\ncreated_at = "O"\nmood = "M"\n',
     "'mood' is not a field of tickets"),
    ('name = "x"\ntable = "tickets"\ndate_order = "ymd"\n[mapping.columns]\nticket_id = "R"\n'
     'created_at = "O"\n', "date_order"),
])
def test_mistakes_in_a_mapping_are_named(tmp_path, body, words):
    cfg = bad_config(tmp_path, "[[mapping]]\n" + body)
    with pytest.raises(InputError) as e:
        formats_from_rules(load_rules(cfg), cfg)
    assert words in str(e.value) and "[[mapping]] number 1" in str(e.value)


def test_a_named_file_missing_a_mapped_column_is_a_clear_error(tmp_path, capsys):
    broken = tmp_path / "tracker_export_2025-04.csv"
    broken.write_text(EXPORT.read_text(encoding="utf-8").replace("Client", "Customer"), encoding="utf-8")
    code = main(["ingest", str(broken), "--config", str(CONFIG), "--db", str(tmp_path / "x.duckdb")])
    err = capsys.readouterr().err
    assert code == 2 and "Client" in err and "tracker" in err and "Traceback" not in err


def test_the_documented_example_is_a_valid_mapping(tmp_path):
    from orghealth.paths import ROOT

    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    section = doc.split("## Mapping any other export", 1)[1]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    assert len(example.strip().splitlines()) <= 12
    cfg = bad_config(tmp_path, example)
    (fmt,) = formats_from_rules(load_rules(cfg), cfg)
    assert fmt.name == "tracker" and fmt.table == "tickets"
