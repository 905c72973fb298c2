"""Aliases instead of names, and no group under the privacy minimum."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import pytest

from orghealth.privacy import Pseudonymizer, alias_key, small_groups, suppress_small

PEOPLE = [
    ("1001", "Ann Lee", "ann.lee@example.com"),
    ("1002", "Bob Stone", "bob.stone@example.com"),
    ("1003", "Ann Lee-Smith", None),
    ("1001", "ann lee", None),           # a second spelling of the same person (alias table)
]


@pytest.fixture
def p() -> Pseudonymizer:
    return Pseudonymizer(PEOPLE, b"key")


def test_alias_is_stable_and_distinct(p):
    again = Pseudonymizer(list(reversed(PEOPLE)), b"key")
    assert p.alias_of_id == again.alias_of_id
    assert len(set(p.alias_of_id.values())) == 3
    assert all(a.startswith("Person ") for a in p.alias_of_id.values())


def test_alias_depends_on_key(p):
    assert Pseudonymizer(PEOPLE, b"other").alias_of_id != p.alias_of_id


def test_key_from_environment_wins(monkeypatch):
    monkeypatch.setenv("ORGHEALTH_PSEUDONYM_KEY", "board-2026")
    assert alias_key(PEOPLE) == b"board-2026"


def test_default_key_comes_from_the_people_not_from_anything_shown(monkeypatch):
    monkeypatch.delenv("ORGHEALTH_PSEUDONYM_KEY", raising=False)
    assert alias_key(PEOPLE) == alias_key(list(reversed(PEOPLE)))
    assert alias_key(PEOPLE) != alias_key(PEOPLE[:2])
    assert len(alias_key(PEOPLE)) == 32


def test_aliases_never_collide_in_a_large_company():
    people = [(str(i), f"Name{i} Surname{i}", None) for i in range(3000)]
    p = Pseudonymizer(people, b"k")
    assert len(set(p.alias_of_id.values())) == 3000


def test_text_replaces_every_spelling_and_longest_first(p):
    a, c = p.alias_of_id["1001"], p.alias_of_id["1003"]
    out = p.text("Raised by ANN LEE, then Ann Lee-Smith; mail ann.lee@example.com.")
    assert out == f"Raised by {a}, then {c}; mail {a}."
    assert "Lee" not in out


def test_text_leaves_other_words_alone(p):
    assert p.text("Annual plan: Bob Stoneware order") == "Annual plan: Bob Stoneware order"


def test_frame_replaces_names_ids_lists_and_numeric_person_columns(p):
    df = pl.DataFrame({
        "person_id": ["1001", "1002"],
        "name": ["Ann Lee", "Bob Stone"],
        "note": ["asked Bob Stone", None],
        "chain": [["1002"], []],
        "manager_id": [1002, 1001],
        "hours": [1.5, 2.0],
    })
    out = p.frame(df)
    a, b = p.alias_of_id["1001"], p.alias_of_id["1002"]
    assert out["person_id"].to_list() == [a, b]
    assert out["name"].to_list() == [a, b]
    assert out["note"].to_list() == [f"asked {b}", None]
    assert out["chain"].to_list() == [[b], []]
    assert out["manager_id"].to_list() == [b, a]
    assert out["hours"].to_list() == [1.5, 2.0]


def test_figure_keeps_no_name(p):
    fig = go.Figure(go.Bar(x=["Ann Lee", "Bob Stone"], y=[3, 4], name="Ann Lee-Smith",
                           hovertext=["Bob Stone's team", "x"]))
    fig.update_layout(title="Hours of Bob Stone")
    out = p.figure(fig).to_json()
    for name in ("Ann Lee", "Bob Stone"):
        assert name not in out
    assert p.alias_of_id["1002"] in out


def test_suppress_small_drops_groups_under_the_minimum():
    df = pl.DataFrame({"unit": ["A", "B", "C"], "value": [0.1, 0.2, 0.3], "n": [4, 5, None]})
    assert suppress_small(df, 5)["unit"].to_list() == ["B"]
    assert small_groups(df, 5, "unit") == {"A", "C"}
    assert suppress_small(df.drop("n"), 5).height == 3
