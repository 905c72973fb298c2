"""Workday worker reports: CSV, or JSON wrapped in ``{"Report_Entry": [...]}``.

Headers vary by tenant; the common ones are read, with Workday's JSON spelling
(``Employee_ID``, ``Email_-_Work``) turned back into the report's (``Employee ID``). The
manager is often only named inside the supervisory organisation: ``Sales (Jane Doe)``.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from orghealth.ingest.formats.base import (
    HR_ROWS,
    FileResult,
    Format,
    finish_staged,
    load_csv,
    read_json,
    stage,
)
from orghealth.ingest.formats.mapping import load_renamed

SIGNATURE = ("Employee ID", "Worker", "Supervisory Organization")
OPTIONAL = ("Email - Work", "Work Email", "Business Title", "Job Title", "Job Profile",
            "Department", "Cost Center", "Manager", "Manager ID", "Location", "Hire Date",
            "Termination Date", "Effective Date")


def sniff(path: Path) -> bool:
    with open(path, encoding="utf-8-sig", errors="replace") as f:
        return '"Report_Entry"' in f.read(4096)


def load_json(ctx, fmt: Format, path: Path) -> FileResult:
    con = ctx.con
    read_json(con, "wd_entries",
              "select unnest(Report_Entry) as e from read_json($p, columns={'Report_Entry': 'JSON[]'}, "
              "format='auto', maximum_object_size=$max)",
              path, "Workday report", "save the report's whole JSON output as a .json file")
    cols, params = [], {}
    for i, name in enumerate(SIGNATURE + OPTIONAL):
        params[f"a{i}"], params[f"b{i}"] = name, name.replace(" ", "_")
        # a reference field is an object with a Descriptor; a plain field is text
        cols.append(f"coalesce(e -> $a{i} ->> 'Descriptor', e ->> $a{i}, "
                    f"e -> $b{i} ->> 'Descriptor', e ->> $b{i}) as \"{name}\"")
    con.execute(f"create or replace temp table raw_rows as select {', '.join(cols)} "  # noqa: S608 (fixed names)
                "from wd_entries", params)
    stage(ctx, fmt, "raw_rows", list(SIGNATURE + OPTIONAL))
    return finish_staged(ctx, fmt, path, "raw_rows", [], None)


COMMON = dict(HR_ROWS, staging="staging/stg_workday", optional=OPTIONAL,
              key="person_id || ' on ' || coalesce(strftime(effective_date, '%Y-%m-%d'), 'the report')",
              key_label="worker", date_order="mdy")

FORMATS = [
    Format(name="workday", title="Workday worker report (CSV)", signature=SIGNATURE,
           loader=load_csv, **COMMON),
    # a report delivered as a web service names its columns Employee_ID, Email_-_Work ...
    Format(name="workday_underscored", title="Workday worker report (CSV, web-service names)",
           signature=tuple(n.replace(" ", "_") for n in SIGNATURE),
           loader=partial(load_renamed, renames={n.replace(" ", "_"): n for n in SIGNATURE + OPTIONAL}),
           **COMMON),
    Format(name="workday_json", title="Workday worker report (JSON)", signature=("Report_Entry",),
           kind="json", loader=load_json, sniff=sniff, **COMMON),
]
