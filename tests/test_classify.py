"""Classification rules: defaults, whole-word matching, precedence, and orghealth.toml overrides."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from orghealth.config import load_rules
from orghealth.errors import InputError
from orghealth.ingest import ingest_paths

PEOPLE = """person_id,name,department,title,manager_id,valid_from
C,Cora,Office of the CEO,Chief Executive Officer,,2025-01-01
R,Rob,Sales,Chief Revenue Officer,C,2025-01-01
S,Sal,Sales,Solutions Engineer,R,2025-01-01
O,Oli,Sales,Sales Operations Analyst,R,2025-01-01
F,Fin,Salesforce Admin Team,Administrator,C,2025-01-01
P,Pia,Customer Outcomes,Consultant,C,2025-01-01
"""
TIME = """person_id,date,hours,project,task,notes
S,2025-01-02,1,Acme rollout,Order entry,
S,2025-01-03,1,Acme rollout,,
S,2025-01-04,1,Internal,,po chasing for Acme
"""
TICKETS = """ticket_id,created_at,type,priority,account,labels
T1,2025-01-02,Incident,Highest,Acme,escalation
T2,2025-01-02,Task,Highest,,non-billable
T3,2025-01-02,Task,Low,,customer-health
"""


def build(tmp_path: Path, config: str | None = None, chdir=None) -> duckdb.DuckDBPyConnection:
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    (src / "people.csv").write_text(PEOPLE)
    (src / "time_entries.csv").write_text(TIME)
    (src / "tickets.csv").write_text(TICKETS)
    cfg = None
    if config is not None:
        cfg = tmp_path / "orghealth.toml"
        cfg.write_text(config)
    db = tmp_path / "c.duckdb"
    ingest_paths([src], db, config=None if chdir else cfg)
    return duckdb.connect(str(db), read_only=True)


def functions(con):
    return dict(con.execute("select person_id, function from people").fetchall())


def test_defaults_precedence_and_whole_words(tmp_path):
    con = build(tmp_path)
    assert functions(con) == {"C": "exec", "R": "exec", "S": "presales", "O": "ops",
                              "F": "other", "P": "other"}
    acts = [a for (a,) in con.execute("select activity from time_entries order by date").fetchall()]
    assert acts == ["operations", "other", "other"]          # task wins over the project name
    t = {r[0]: r[1:] for r in con.execute(
        "select ticket_id, is_escalation, is_revenue, is_initiative from tickets").fetchall()}
    # Highest priority escalates only on a customer account; "non-billable" is not "billable"
    assert t == {"T1": (True, False, False), "T2": (False, False, False), "T3": (False, False, False)}
    hits = dict(((c, f, p), n) for c, f, p, n in con.execute(
        "select class, field, pattern, matched from rule_hits where rule_set = 'function'").fetchall())
    assert hits[("presales", "title", "solutions engineer")] == 1
    assert hits[("sales", "department", "sales")] == 3      # matched, though other rules won
    assert hits[("sales", "title", "sales")] == 1


def test_orghealth_toml_adds_rules_that_win(tmp_path):
    con = build(tmp_path, config="""
[[function.rule]]
class = "ps"
words = ["customer outcomes"]

[[time.rule]]
class = "operations"
words = ["po chasing"]

[[ticket.rule]]
class = "initiative"
fields = ["labels"]
words = ["customer-health"]
""")
    assert functions(con)["P"] == "ps"
    acts = [a for (a,) in con.execute("select activity from time_entries order by date").fetchall()]
    assert acts[2] == "operations"
    assert con.execute("select is_initiative from tickets where ticket_id = 'T3'").fetchall() == [(True,)]


def test_config_in_the_current_folder_is_found(tmp_path, monkeypatch):
    (tmp_path / "orghealth.toml").write_text('[function]\nno_manager = ""\n')
    monkeypatch.chdir(tmp_path)
    con = build(tmp_path, chdir=True)
    assert functions(con)["C"] == "exec"                     # "Chief" still matches
    info = dict(con.execute("select key, value from build_info").fetchall())
    assert info["rules"].endswith("orghealth.toml")


def test_replace_rules_drops_the_defaults(tmp_path):
    con = build(tmp_path, config="""
[function]
replace_rules = true
[[function.rule]]
class = "sales"
words = ["sales"]
""")
    f = functions(con)
    assert f["S"] == "sales" and f["O"] == "sales" and f["P"] == "other"


def test_bad_config_is_an_input_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[ticket.rule]]\nclass = "urgent"\nwords = ["x"]\n')
    with pytest.raises(InputError) as e:
        load_rules(bad)
    assert "class 'urgent'" in str(e.value) and "bad.toml" in str(e.value)
    bad.write_text('[[time.rule]]\nclass = "selling"\nfields = ["summary"]\nwords = ["x"]\n')
    with pytest.raises(InputError, match="unknown field 'summary'"):
        load_rules(bad)
    bad.write_text("not toml = = 1")
    with pytest.raises(InputError, match="not valid TOML"):
        load_rules(bad)
