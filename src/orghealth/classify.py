"""Classification at ingest: the rules in force become a table, and SQL matches them against the
distinct words in people, tickets and time entries (never a Python loop over rows).

``rule_hits`` records how many rows each rule word matched, for the dashboard's rules page.
"""

from __future__ import annotations

import duckdb

from orghealth import sql
from orghealth.config import rule_rows

# lower case, punctuation as spaces, padded: whole-word matching is then a plain substring test;
# "non-billable" becomes "nonbillable" so it does not read as "billable"
NORMALIZE = r"""
create or replace temp macro oh_norm(x) as
    ' ' || trim(regexp_replace(regexp_replace(lower(x::varchar), '\bnon[- ]', 'non', 'g'),
                               '[^a-z0-9&'']+', ' ', 'g')) || ' ';
"""


def load_rule_table(con: duckdb.DuckDBPyConnection, rules: dict) -> None:
    rows = rule_rows(rules)
    # the root-cause value of a ticket is read with the function rules, as if it were a department
    rows += [dict(r, rule_set="blame") for r in rows
             if r["rule_set"] == "function" and r["field"] == "department"]
    columns = ["rule_set", "rule_no", "class", "priority", "cond_no", "n_conds", "field",
               "field_rank", "word"]
    con.execute("create or replace temp table rule_rows (rule_set varchar, rule_no integer, "
                "class varchar, priority integer, cond_no integer, n_conds integer, "
                "field varchar, field_rank integer, word varchar)")
    # one statement, one list per column (row-by-row inserts are slow in DuckDB)
    con.execute("insert into rule_rows select " + ", ".join(f"unnest(${c})" for c in columns),
                {c: [r[c] for r in rows] for c in columns})
    con.execute("create or replace temp table rule_words as "
                "select *, oh_norm(word) as word_norm from rule_rows")


def load_settings(con: duckdb.DuckDBPyConnection, rules: dict) -> None:
    f, t, d = rules["function"], rules["time"], rules["deferral"]
    con.execute("create or replace temp table function_settings (no_manager varchar, otherwise varchar)")
    con.execute("insert into function_settings values ($a, $b)",
                {"a": f.get("no_manager", ""), "b": f.get("otherwise", "other")})
    con.execute("create or replace temp table blame_settings (label_prefix varchar)")
    con.execute("insert into blame_settings values (lower($p))",
                {"p": rules.get("blame", {}).get("label_prefix", "rca-")})
    con.execute("create or replace temp table time_settings (otherwise varchar)")
    con.execute("insert into time_settings values ($a)", {"a": t.get("otherwise", "other")})
    con.execute("create or replace temp table deferral_settings (statuses varchar[], "
                "priority_order varchar[], due_date_later boolean, sprint_carry_over boolean)")
    con.execute(
        "insert into deferral_settings select list_transform($s, lambda x: oh_norm(x)), "
        "list_transform($p, lambda x: oh_norm(x)), $due, $sprint",
        {"s": list(d.get("statuses", [])), "p": list(d.get("priority_order", [])),
         "due": bool(d.get("due_date_later", True)), "sprint": bool(d.get("sprint_carry_over", True))},
    )


def apply_all(con: duckdb.DuckDBPyConnection, rules: dict) -> None:
    """Functions of people, ticket classes, blamed functions, deferrals, time activities."""
    con.execute(NORMALIZE)
    load_rule_table(con, rules)
    load_settings(con, rules)
    con.execute("delete from rule_hits")
    for subjects, apply in (
        ("staging/classify_people", "staging/classify_people_apply"),
        ("staging/classify_tickets", "staging/classify_tickets_apply"),
        ("staging/classify_blame", "staging/classify_blame_apply"),
        ("staging/classify_time", "staging/classify_time_apply"),
    ):
        sql.execute_script(con, subjects)
        sql.execute_script(con, "staging/rule_matches")
        sql.execute_script(con, apply)
    sql.execute_script(con, "staging/deferrals")
