"""Optional sign-in: with hide_names_unless_signed_in, a viewer who is not signed in sees
aliases instead of people's names on every page; with require_login, only a sign-in button."""

from __future__ import annotations

import duckdb
import pytest
from conftest import dashboard

from orghealth.paths import ROOT

PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


def names(db) -> set[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {n for (n,) in con.execute("select distinct name from people "
                                          "where length(name) > 3").fetchall()}
    finally:
        con.close()


def on_screen(at) -> str:
    parts = [frame.value.to_csv() for frame in at.dataframe]
    for kind in ("markdown", "caption", "metric", "plotly_chart", "text", "subheader", "html"):
        parts += [str(node.proto) for node in at.get(kind)]
    return "\n".join(parts)


@pytest.mark.parametrize("page", ["pages/presales.py", "pages/sales_ops.py",
                                  "pages/services.py"])
def test_names_are_aliases_for_a_viewer_who_is_not_signed_in(sample_db, monkeypatch, tmp_path,
                                                              page):
    people = names(sample_db)
    shown = dashboard(monkeypatch, tmp_path, sample_db).run()
    shown.switch_page(page).run()
    plain = on_screen(shown)
    assert any(n in plain for n in people), "without the setting the page names people"

    hidden = dashboard(monkeypatch, tmp_path, sample_db, settings={"hide_names_unless_signed_in": True}).run()
    hidden.switch_page(page).run()
    assert not hidden.exception, [e.message for e in hidden.exception]
    text = on_screen(hidden)
    leaked = sorted(n for n in people if n in text)
    assert not leaked, leaked[:5]
    assert "Person " in text, "people are shown by their aliases"


def test_require_login_shows_only_a_sign_in_button(sample_db, monkeypatch, tmp_path):
    at = dashboard(monkeypatch, tmp_path, sample_db, settings={"require_login": True}).run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.metric and not at.dataframe
