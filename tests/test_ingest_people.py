"""People matching: ambiguous and unknown manager names, name forms, and a file cut off inside a quote."""

from __future__ import annotations

import duckdb

from orghealth.ingest import ingest_paths

HR = """Employee #,First Name,Last Name,Work Email,Job Title,Department,Reports To,Hire Date
1,Ada,Top,ada@x.test,CEO,Office of the CEO,,01/15/2020
2,Jo,Smith,jo1@x.test,Account Executive,Sales,Ada Top,01/15/2021
3,Jo,Smith,jo2@x.test,Consultant,Professional Services,"Top, Ada",01/15/2021
4,Kim,Lee,kim@x.test,Consultant,Professional Services,Jo Smith,01/15/2022
5,Max,Mo,max@x.test,Consultant,Professional Services,Nobody Here,01/15/2022
"""

JIRA = ('Summary,Issue key,Issue Type,Created,Reporter,Description\n'
        'One,A-1,Task,02/Jan/25 9:15 AM,kim@x.test,"fine"\n'
        'Two,A-2,Task,03/Jan/25 9:15 AM,Jo Smith,"a note\nwith a line break"\n'
        'Three,A-3,Task,04/Jan/25 9:15 AM,Max Mo,"the export stopped in the mid')


def test_ambiguous_and_unknown_names(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "bamboohr.csv").write_text(HR)
    (src / "jira.csv").write_text(JIRA)
    db = tmp_path / "p.duckdb"
    ingest_paths([src], db)
    con = duckdb.connect(str(db), read_only=True)
    managers = dict(con.execute("select person_id, manager_id from people").fetchall())
    assert managers["2"] == "1" and managers["3"] == "1"      # "Top, Ada" is Ada Top
    assert managers["4"] == "Jo Smith"                        # two Jo Smiths: kept as exported
    assert managers["5"] == "Nobody Here"
    refs = {(f, v): r for f, v, r in con.execute(
        "select field, value, reason from unmatched_refs").fetchall()}
    assert refs[("manager_id", "Jo Smith")].startswith("matches 2 people with the same name")
    assert refs[("manager_id", "Nobody Here")].startswith("matches nobody")
    assert refs[("reporter_id", "Jo Smith")].startswith("matches 2 people")
    reporters = dict(con.execute("select ticket_id, reporter_id from tickets").fetchall())
    assert reporters == {"A-1": "4", "A-2": "Jo Smith"}
    log = con.execute("select rows_read, rows_loaded, rows_rejected from ingest_log "
                      "where file like '%jira.csv'").fetchall()
    assert log == [(3, 2, 1)]
    rej = con.execute("select line, reason from rejects").fetchall()
    assert rej == [(5, "a quoted cell is never closed (the file may be cut off); re-export the file")]
    # the chain stops at the name nobody could resolve; nothing hangs
    pm = con.execute("select chain_ids from person_months where person_id = '4' limit 1").fetchall()
    assert pm == [(["Jo Smith"],)]
