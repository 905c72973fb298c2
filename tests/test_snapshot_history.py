"""What changed since the last snapshot: each snapshot keeps its numbers inside its file and in
the database's snapshot_history, and the next one shows what moved."""

from __future__ import annotations

import base64
import datetime as dt
import shutil

import duckdb
import pytest

from orghealth import signals
from orghealth.snapshot import SnapshotOptions, build_deck, history
from orghealth.snapshot.write import write_deck

# charts are not what is tested here: a 1x1 picture stands in for each, so no browser is needed
DOT = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9"
                       "awAAAABJRU5ErkJggg==")


def _write(deck, path):
    for c in deck.charts():
        c.png = c.svg = DOT
    return write_deck(deck, path)


def _table(deck, title="Since the last snapshot"):
    return next((s for s in deck.slides if s.title == title), None)


@pytest.fixture(scope="module")
def two_months(sample_db, tmp_path_factory):
    """Two databases a month apart: the first holds the data to a month before the second."""
    tmp = tmp_path_factory.mktemp("history")
    first_db, second_db = tmp / "september.duckdb", tmp / "october.duckdb"
    shutil.copy(sample_db, first_db)
    shutil.copy(sample_db, second_db)
    con = signals.open_database(str(second_db))
    _, last = signals.data_window(con)
    con.close()
    month_before = last.replace(day=1) - dt.timedelta(days=1)
    first = build_deck(first_db, SnapshotOptions(date_to=month_before),
                       today=month_before + dt.timedelta(days=3))
    first_file = _write(first, tmp / "september.pptx")
    second = build_deck(second_db, SnapshotOptions(previous=first_file),
                        today=last + dt.timedelta(days=3))
    second_html = _write(second, tmp / "october.html")
    return first, first_file, second, second_html, second_db


def test_the_file_carries_its_numbers(two_months):
    first, first_file, second, second_html, _ = two_months
    assert history.from_file(first_file) == first.numbers
    assert history.from_file(second_html) == second.numbers
    assert first.numbers["signs"] and first.numbers["verdict"]


def test_the_second_snapshot_shows_what_changed_since_the_first(two_months):
    first, _, second, _, _ = two_months
    assert _table(first) is None, "the first snapshot has nothing to compare with"
    slide = _table(second)
    assert slide is not None and second.slides.index(slide) == 2
    assert f"{first.numbers['as_of'][8:].lstrip('0')} " in slide.bullets[0]
    moved = {sid for sid, s in second.numbers["signs"].items()
             if s["value"] != first.numbers["signs"][sid]["value"]
             or s["status"] != first.numbers["signs"][sid]["status"]}
    assert moved, "a month more data moves at least one sign"
    rows = {r[0]: r for r in slide.table.rows}
    for sid in moved:
        title = second.numbers["signs"][sid]["title"]
        assert title in rows
    # a sign that did not move is not listed
    still = set(second.numbers["signs"]) - moved
    assert not any(second.numbers["signs"][s]["title"] in rows for s in still)
    # the row shows the first snapshot's figure and today's, as the deck formats them
    from orghealth import charts

    sid = sorted(moved)[0]
    old, new = first.numbers["signs"][sid], second.numbers["signs"][sid]
    row = rows[new["title"]]
    if old["value"] is not None:
        assert row[1].startswith(charts.format_value(old["value"], old["unit"]))
    if new["value"] is not None:
        assert row[2].startswith(charts.format_value(new["value"], new["unit"]))


def test_the_database_keeps_a_snapshot_history(two_months):
    _, _, second, _, second_db = two_months
    assert history.record(second_db, second.numbers)
    con = duckdb.connect(str(second_db), read_only=True)
    try:
        assert con.execute("select count(*) from snapshot_history").fetchall() == [(1,)]
        assert history.last_recorded(con) == second.numbers
    finally:
        con.close()
    # the next snapshot of the same database compares with the recorded one by itself
    again = build_deck(second_db, today=dt.date.fromisoformat(second.numbers["as_of"]))
    slide = _table(again)
    assert slide is not None and "No warning sign changed" in " ".join(slide.bullets)
