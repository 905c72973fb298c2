"""Exports with random damage: whatever hypothesis does to a file, the ingest either refuses
it with a clear message (exit 2) or accounts for every row — rows read = loaded + rejected,
every reject has a reason, and the canonical table holds exactly the rows said loaded."""

from __future__ import annotations

import csv
import io
import sys
import tempfile
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent / "bad_files"))
from outcome import ingest_outcome  # noqa: E402

# (file name, header, a good row given i, the table its rows land in, the date column)
FORMATS = {
    "harvest": (
        "harvest_time_report_from2025-01-01to2025-03-31.csv",
        ["Date", "Client", "Project", "Project Code", "Task", "Notes", "Hours", "Billable?",
         "Invoiced?", "Approved?", "First Name", "Last Name", "Employee Id", "Roles",
         "Employee?", "Billable Rate", "Billable Amount", "Cost Rate", "Cost Amount",
         "Currency", "External Reference URL"],
        lambda i: [f"2025-01-{i % 28 + 1:02d}", "Acme", "Rollout", f"P-{i}", "Implementation",
                   "notes, with a comma", f"{i % 8 + 0.5}", "Yes", "No", "Yes", "Ann", "Lee",
                   f"E{i}", "", "Yes", "100", "750", "50", "375", "Euro - EUR", ""],
        "time_entries", 0,
    ),
    "bamboohr": (
        "bamboohr_job_history.csv",
        ["Employee #", "First Name", "Last Name", "Work Email", "Effective Date", "Job Title",
         "Department", "Division", "Location", "Reports To", "Hire Date", "Termination Date",
         "Employment Status"],
        lambda i: [f"E{i}", f"First{i}", f"Last{i}", f"p{i}@acme.test", "01/15/2024",
                   "Consultant" if i else "Chief Executive Officer",
                   "Professional Services" if i else "Office of the CEO", "", "Berlin",
                   "" if i == 0 else f"First{(i - 1) // 2} Last{(i - 1) // 2}", "03/15/2020",
                   "", "Active"],
        None, 4,   # HR rows become periods in people, not one row each
    ),
    "jira": (
        "Jira Export CSV (all fields) 1.csv",
        ["Summary", "Issue key", "Issue id", "Issue Type", "Status", "Priority", "Assignee",
         "Reporter", "Created", "Labels", "Labels", "Sprint", "Custom field (Customer)"],
        lambda i: [f"Work item {i}", f"PS-{i}", f"{1000 + i}", "Task", "Open", "Medium",
                   "Ann Lee", "Sam Seller", f"{i % 28 + 1:02d}/Jan/25 9:15 AM", "qbr",
                   "initiative", "Sprint 1", "Acme"],
        "tickets", 8,
    ),
    "hubspot": (
        "hubspot-crm-exports-all-deals-2025-03-05.csv",
        ["Record ID", "Deal Name", "Deal Stage", "Close Date", "Deal owner", "Amount",
         "Closed Lost Reason", "Last Modified Date", "Create Date"],
        lambda i: [f"{100 + i}", f"Deal {i}", "Closed won", "2025-01-04 11:48", "Sam Seller",
                   f"{1000 * i}", "", "", ""],
        "deals", 3,
    ),
}

DAMAGES = ["truncate_line", "extra_cells", "missing_cells", "wrong_type", "stray_quote",
           "huge_cell", "duplicate_row", "future_date", "binary_line", "drop_header_column",
           "cut_file", "reporting_cycle", "blank_lines"]

STATS = {"files": 0, "refused": 0, "rows_read": 0, "rows_loaded": 0, "rows_rejected": 0}


def line(cells: list[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(cells)
    return buf.getvalue()


@st.composite
def damaged_export(draw):
    kind = draw(st.sampled_from(sorted(FORMATS)))
    name, header, row, _, date_col = FORMATS[kind]
    n = draw(st.integers(min_value=0, max_value=40))
    rows = [row(i) for i in range(n)]
    header = list(header)
    damages = draw(st.lists(st.sampled_from(DAMAGES), min_size=1, max_size=3))
    junk = draw(st.text(min_size=1, max_size=12))
    cut = draw(st.floats(min_value=0.0, max_value=1.0))
    pick = draw(st.integers(min_value=0, max_value=10_000))
    raw_bytes = draw(st.binary(min_size=1, max_size=40))
    for d in damages:
        if not rows and d not in ("drop_header_column", "cut_file", "blank_lines"):
            continue
        r = pick % len(rows) if rows else 0
        if d == "extra_cells":
            rows[r] = rows[r] + ["surplus", junk]
        elif d == "missing_cells":
            rows[r] = rows[r][: max(1, pick % len(rows[r]))]
        elif d == "wrong_type":
            rows[r][pick % len(rows[r])] = junk
        elif d == "huge_cell":
            rows[r][pick % len(rows[r])] = "x" * 200_000
        elif d == "duplicate_row":
            rows.append(list(rows[r]))
        elif d == "future_date" and date_col < len(rows[r]):
            rows[r][date_col] = rows[r][date_col].replace("2025", "2099").replace("2024", "2099")
        elif d == "reporting_cycle" and kind == "bamboohr":
            # the top person now reports to someone below them
            rows[0][9] = f"First{len(rows) - 1} Last{len(rows) - 1}"
        elif d == "drop_header_column":
            header.pop(pick % len(header))
    lines = [line(header)] + [line(x) for x in rows]
    for d in damages:
        if len(lines) < 2:
            break
        r = 1 + pick % (len(lines) - 1)
        if d == "truncate_line":
            lines[r] = lines[r][: int(len(lines[r]) * cut)]
        elif d == "stray_quote":
            at = int(len(lines[r]) * cut)
            lines[r] = lines[r][:at] + '"' + lines[r][at:]
        elif d == "blank_lines":
            lines.insert(r, "")
    body = ("\n".join(lines) + "\n").encode("utf-8")
    if "binary_line" in damages:
        at = body.find(b"\n") + 1
        body = body[:at] + raw_bytes + b"\n" + body[at:]
    if "cut_file" in damages:
        # mostly after the header (rows lost at the end), now and then inside it
        start = 0 if pick % 5 == 0 else body.find(b"\n") + 1
        body = body[: start + int((len(body) - start) * cut)]
    return kind, name, body, damages


@settings(max_examples=36, deadline=None, derandomize=True, print_blob=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(damaged_export())
def test_a_damaged_export_loses_no_row_and_never_crashes(export):
    kind, name, body, damages = export
    table = FORMATS[kind][3]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(body)
        got = ingest_outcome(path, Path(tmp) / "x.duckdb")   # a traceback fails the test
        STATS["files"] += 1
        assert got["exit"] in (0, 2), got
        if got["exit"] == 2:
            STATS["refused"] += 1
            assert name in got["message"] and "Traceback" not in got["message"]
            assert not (Path(tmp) / "x.duckdb").exists()
            return
        con = duckdb.connect(str(Path(tmp) / "x.duckdb"), read_only=True)
        try:
            per_file = con.execute("select rows_read, rows_loaded, rows_rejected, target_table "
                                   "from ingest_log").fetchall()
            n_rejects, blank = con.execute(
                "select count(*), count(*) filter (where coalesce(trim(reason), '') = '') "
                "from rejects").fetchone()
            in_table = (con.execute(f"select count(*) from {table}").fetchone()[0]  # noqa: S608
                        if table else None)
        finally:
            con.close()
    for read, loaded, rejected, _ in per_file:
        assert read == loaded + rejected, (damages, per_file)
    read = sum(p[0] for p in per_file)
    loaded = sum(p[1] for p in per_file)
    rejected = sum(p[2] for p in per_file)
    assert n_rejects == rejected, (damages, per_file)
    assert blank == 0, "every reject has a reason"
    if table:
        assert in_table == sum(p[1] for p in per_file if p[3] == table), (damages, per_file)
    STATS["rows_read"] += read
    STATS["rows_loaded"] += loaded
    STATS["rows_rejected"] += rejected


def test_fuzz_report():
    """Runs after the fuzzer in file order; prints what it tried (pytest -s shows it)."""
    print(f"\nfuzzer: {STATS}")
