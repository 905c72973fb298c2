"""CSV downloads: formulas neutralised, everything else as it was."""

from __future__ import annotations

import csv
import io

import polars as pl

from orghealth import export
from orghealth.ui import safe_file_name


def read_back(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_cells_that_would_run_as_formulas_become_text():
    frame = pl.DataFrame({
        "note": ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tTAB", "plain", None],
        "hours": [-1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
    })
    rows = read_back(export.to_csv_bytes(frame))
    assert rows[0] == ["note", "hours"]
    notes = [r[0] for r in rows[1:]]
    assert notes == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2+3", "'@SUM(A1)", "'\tTAB",
                     "plain", ""]
    assert rows[1][1] == "-1.5"  # a negative number stays a number


def test_list_cells_are_joined_and_neutralised():
    frame = pl.DataFrame({"labels": [["=cmd", "qbr"], ["initiative"]]})
    rows = read_back(export.to_csv_bytes(frame))
    assert [r[0] for r in rows[1:]] == ["'=cmd; qbr", "initiative"]


def test_uploaded_file_names_cannot_leave_the_upload_folder():
    assert safe_file_name("../../etc/passwd") == "passwd"
    assert safe_file_name("..\\..\\win.ini") == "win.ini"
    assert safe_file_name(".hidden.csv") == "hidden.csv"
    assert safe_file_name("Jira Export CSV (all fields) 2025.csv") == \
        "Jira Export CSV (all fields) 2025.csv"
    assert safe_file_name("") == "export"
    assert "/" not in safe_file_name("a/b\x00c;rm -rf.csv")


def test_uploads_and_zips_land_inside_the_inbox_only(tmp_path):
    import io
    import zipfile

    from orghealth.ui import save_uploads

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("../../escape.csv", "a\n1\n")
        z.writestr("jira/Jira Export.csv", "b\n2\n")
        z.writestr("__MACOSX/._junk", "x")
        z.writestr("time/.DS_Store", "x")
    inbox = tmp_path / "inbox"
    written = save_uploads([("people.csv", b"p\n"), ("/etc/people.csv", b"q\n"),
                            ("exports.zip", buf.getvalue())], inbox)
    assert sorted(p.name for p in written) == ["Jira Export.csv", "escape.csv", "people (2).csv",
                                               "people.csv"]
    assert all(p.parent == inbox.resolve() for p in written)
    assert not (tmp_path / "escape.csv").exists()


def test_a_broken_zip_is_a_clear_error(tmp_path):
    import pytest

    from orghealth.errors import InputError
    from orghealth.ui import save_uploads

    with pytest.raises(InputError, match="not a readable zip"):
        save_uploads([("exports.zip", b"not a zip")], tmp_path)
