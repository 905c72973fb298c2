"""HiBob reports saved from its screens: headers are labels in the user's language, not field paths."""

from __future__ import annotations

import duckdb
import pytest

from orghealth.ingest import ingest_paths
from orghealth.ingest.formats import detect

ENGLISH = """Employee ID,Display name,Email,First name,Last name,Reports to,Department,Job title,Site,Start date
E1,Carla Chief,carla@acme.test,Carla,Chief,,Office of the CEO,Chief Executive Officer,Berlin,01/02/2019
E2,Sam Seller,sam@acme.test,Sam,Seller,Carla Chief,Sales,VP Sales,Berlin,15/03/2020
E3,Pat Delivery,pat@acme.test,Pat,Delivery,sam@acme.test,Professional Services,Consultant,Lyon,13/04/2021
"""
GERMAN = """Mitarbeiter-ID;Anzeigename;E-Mail;Berichtet an;Abteilung;Berufsbezeichnung;Standort;Startdatum
E1;Carla Chief;carla@acme.test;;Office of the CEO;Chief Executive Officer;Berlin;01.02.2019
E2;Sam Seller;sam@acme.test;E1;Sales;VP Sales;Berlin;15.03.2020
E3;Pat Delivery;pat@acme.test;Sam Seller;Professional Services;Consultant;Lyon;31.13.2021
"""


@pytest.mark.parametrize(("text", "name"), [(ENGLISH, "hibob_en"), (GERMAN, "hibob_de")])
def test_translated_headers_are_read_as_hibob(tmp_path, text, name):
    path = tmp_path / "bob_report.csv"
    path.write_text(text, encoding="utf-8")
    # the English labels include First name, Last name, Job title, Department and Reports to,
    # which a BambooHR report has too: the HiBob reading must win
    assert detect(path).name == name
    db = tmp_path / "company.duckdb"
    ingest_paths([path], db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        people = {r[0]: r[1:] for r in con.execute(
            "select person_id, manager_id, department, location, hire_date::varchar from people"
        ).fetchall()}
        rejects = con.execute("select line, reason from rejects").fetchall()
    finally:
        con.close()
    assert people["E1"] == (None, "Office of the CEO", "Berlin", "2019-02-01")
    assert people["E2"][0] == "E1"              # a name or an id in the manager column
    assert people["E2"][3] == "2020-03-15"
    if name == "hibob_en":
        assert people["E3"][:2] == ("E2", "Professional Services")
        assert rejects == []
    else:
        # a bad date is explained with the field's own name, on the line it stands
        assert "E3" not in people
        assert rejects == [(4, "Startdatum: '31.13.2021' is not a date like 15/03/2021; "
                               "fix the cell or re-export the file")]
