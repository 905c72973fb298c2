"""The reporting-line case over a chosen period, on the small inline company (January to
December 2024; PS North moves under Sales in July): a move counts only with months on both sides
of it inside the period, rows count by their month, and a thin side is held back in words."""

from __future__ import annotations

import json
from datetime import date

import pytest
import test_compare
from test_compare_sql import MOVE, NORTH, SOUTH

from orghealth.case import compare
from orghealth.cli import main
from orghealth.errors import InputError

RESAMPLES = 400
# the same small company and helpers as the whole-year tests
moved, db_file, _find = test_compare.moved, test_compare.db_file, test_compare._find


def run(con, frm=None, to=None, split="reporting-line"):
    return compare.compare(con, split, date_from=frm, date_to=to, n_resamples=RESAMPLES)


def test_no_period_is_the_datas_own_window(moved):
    whole = run(moved)
    assert whole.design.period.first == date(2024, 1, 1)
    assert whole.design.period.last == date(2024, 12, 1)
    explicit = run(moved, date(2024, 1, 1), date(2024, 12, 31))
    assert explicit.to_json() == whole.to_json()
    assert whole.to_json()["period"] == {"from": "2024-01-01", "to": "2024-12-31"}


@pytest.mark.parametrize("frm, to, where", [
    (None, date(2024, 6, 30), "moves in July 2024, after it"),   # the move after the period
    (date(2024, 7, 1), None, "moved in July 2024, before it"),   # the period starts with it
    (date(2024, 9, 1), date(2024, 11, 30), "moved in July 2024, before it"),
])
def test_a_period_without_the_move_says_no_change_inside_it(moved, frm, to, where):
    r = run(moved, frm, to)
    assert r.design.treated == {} and r.findings == []
    assert r.design.note.startswith("No PS unit moved under Sales inside this period")
    assert f"{NORTH} {where}" in r.design.note
    text = compare.render_text(r)
    assert "no before and after to compare" in text
    assert "None: the data does not support a claim." in text


def test_a_unit_that_moves_after_the_period_is_compared_as_one_that_did_not(moved):
    d = run(moved, None, date(2024, 6, 30)).design
    assert d.moved_after == {NORTH: MOVE} and d.control == [NORTH, SOUTH]
    d = run(moved, date(2024, 8, 1)).design
    assert d.moved_before == {NORTH: MOVE} and d.control == [SOUTH]


def test_a_later_start_shortens_the_before_side_only(moved):
    whole = _find(run(moved), "proactive_warnings", compare.BEFORE_AFTER)
    later = _find(run(moved, date(2024, 4, 15)), "proactive_warnings", compare.BEFORE_AFTER)
    # team-months of North: January-June against April-June before; July-December after
    assert (whole.groups[0].rows, later.groups[0].rows) == (6, 3)
    assert whole.groups[1].rows == later.groups[1].rows == 6
    assert (whole.groups[0].months, later.groups[0].months) == (6, 3)
    assert later.groups[0].value == pytest.approx(12 / 24)   # (i + m) even: half the people
    assert later.groups[1].value == whole.groups[1].value


def test_an_earlier_end_shortens_the_after_side_and_drops_later_items(moved):
    whole = run(moved)
    early = run(moved, None, date(2024, 9, 30))
    w = _find(whole, "initiatives_deferred_twice", compare.BEFORE_AFTER)
    e = _find(early, "initiatives_deferred_twice", compare.BEFORE_AFTER)
    assert (w.groups[1].rows, e.groups[1].rows) == (48, 24)   # 8 people, 6 then 3 months
    assert e.groups[0].rows == w.groups[0].rows == 48
    # the company-wide measure is cut at the same months
    ws = _find(whole, "sales_operations_time", compare.BEFORE_AFTER)
    es = _find(early, "sales_operations_time", compare.BEFORE_AFTER)
    assert es.groups[1].rows < ws.groups[1].rows and es.groups[0].rows == ws.groups[0].rows


def test_one_month_on_a_side_is_held_back_in_words(moved):
    r = run(moved, None, date(2024, 7, 31))       # July is the only month after the move
    assert r.design.treated == {NORTH: MOVE}
    assert r.findings and not r.claimed
    f = _find(r, "initiatives_deferred_twice", compare.BEFORE_AFTER)
    assert f.reason == (f"too little data: {NORTH} after covers only one month in the period")
    w = _find(r, "proactive_warnings", compare.BEFORE_AFTER)
    assert "only one month" in w.reason
    assert "Withheld" in compare.render_text(r)


def test_a_date_split_outside_the_period_is_refused_in_words(moved):
    with pytest.raises(InputError, match="not inside the period chosen"):
        run(moved, date(2024, 8, 1), None, split="date:2024-06-01")
    r = run(moved, date(2024, 4, 1), date(2024, 10, 31), split="date:2024-07-01")
    f = _find(r, "proactive_warnings", compare.BEFORE_AFTER)
    assert [g.rows for g in f.groups] == [3, 4]


def test_evidence_pack_and_series_keep_to_the_period(moved):
    frm, to = date(2024, 4, 1), date(2024, 10, 31)
    pack = compare.evidence_pack(moved, "reporting-line", date_from=frm, date_to=to,
                                 n_resamples=RESAMPLES)
    assert pack
    for f in pack:
        assert f.rows["month"].min() >= frm and f.rows["month"].max() <= date(2024, 10, 1)
    design = run(moved, frm, to).design
    rows = compare.sql.run(moved, "compare/proactive_warnings")
    series = compare.monthly_series(rows, compare.METRIC_BY_ID["proactive_warnings"], design)
    assert series["month"].min() == frm and series["month"].max() == date(2024, 10, 1)


def test_cli_takes_the_period(db_file, moved, capsys):
    capsys.readouterr()
    args = ["compare", "--db", str(db_file), "--split", "reporting-line", "--from",
            "2024-04-01", "--to", "2024-10-31"]
    assert main([*args, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    expected = compare.compare(moved, "reporting-line", date_from=date(2024, 4, 1),
                               date_to=date(2024, 10, 31))
    assert out == json.loads(json.dumps(expected.to_json(), default=str))
    assert out["period"] == {"from": "2024-04-01", "to": "2024-10-31"}
    assert main(args) == 0
    assert "Months compared: April 2024 to October 2024." in capsys.readouterr().out


@pytest.mark.parametrize("extra, words", [
    (["--from", "2024-10-01", "--to", "2024-03-01"], "--from is after --to"),
    (["--from", "2030-01-01"], "holds no data"),
    (["--to", "31/12/2024"], "is not a date"),
])
def test_cli_bad_period_exits_2_with_a_message(db_file, capsys, extra, words):
    capsys.readouterr()
    code = main(["compare", "--db", str(db_file), "--split", "reporting-line", *extra])
    err = capsys.readouterr().err
    assert code == 2 and words in err and "Traceback" not in err


def test_a_move_inside_the_period_is_read_from_the_periods_own_months():
    con = test_compare.three_units()
    split = compare.parse_split("reporting-line")
    d = compare.derive_design(con, split, date(2024, 7, 1))
    # East was out of Sales in July: its return in September is the move this period holds
    assert d.treated == {"East": date(2024, 9, 1), "West": date(2024, 8, 1)}
    assert d.control == ["Central"] and d.reference == date(2024, 8, 1)
    d = compare.derive_design(con, split, date(2024, 5, 1))
    assert d.moved_before == {"East": date(2024, 4, 1)} and "East" not in d.control
    assert d.treated == {"West": date(2024, 8, 1)}
    assert "East already reported into Sales when this period begins" in d.note
    d = compare.derive_design(con, split, None, date(2024, 7, 31))
    assert d.moved_after == {"West": date(2024, 8, 1)} and "West" in d.control
