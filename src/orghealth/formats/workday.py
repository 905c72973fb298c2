"""Workday worker reports: CSV, or JSON wrapped in ``{"Report_Entry": [...]}``.

Headers vary by tenant; the common ones are read, with Workday's JSON spelling
(``Employee_ID``, ``Email_-_Work``) turned back into the report's (``Employee ID``). The
manager is often only named inside the supervisory organisation: ``Sales (Jane Doe)``.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import duckdb

from orghealth import sql
from orghealth.errors import InputError
from orghealth.formats.base import FileResult, Format, add_missing_columns, finish_staged, load_csv
from orghealth.formats.mapping import load_renamed

MAX_OBJECT = 1 << 30
SIGNATURE = ("Employee ID", "Worker", "Supervisory Organization")
OPTIONAL = ("Email - Work", "Work Email", "Business Title", "Job Title", "Job Profile",
            "Department", "Cost Center", "Manager", "Manager ID", "Location", "Hire Date",
            "Termination Date", "Effective Date")


def sniff(path: Path) -> bool:
    with open(path, encoding="utf-8-sig", errors="replace") as f:
        return '"Report_Entry"' in f.read(4096)


def load_json(ctx, fmt: Format, path: Path) -> FileResult:
    con = ctx.con
    try:
        con.execute(
            "create or replace temp table wd_entries as "
            "select unnest(Report_Entry) as e from read_json($p, columns={'Report_Entry': 'JSON[]'}, "
            "format='auto', maximum_object_size=$max)",
            {"p": str(path), "max": MAX_OBJECT},
        )
    except duckdb.Error as exc:
        raise InputError(f"is not a readable Workday report ({str(exc).splitlines()[0]})",
                         file=path, hint="save the report's whole JSON output as a .json file") from exc
    cols, params = [], {}
    for i, name in enumerate(SIGNATURE + OPTIONAL):
        params[f"a{i}"], params[f"b{i}"] = name, name.replace(" ", "_")
        # a reference field is an object with a Descriptor; a plain field is text
        cols.append(f"coalesce(e -> $a{i} ->> 'Descriptor', e ->> $a{i}, "
                    f"e -> $b{i} ->> 'Descriptor', e ->> $b{i}) as \"{name}\"")
    con.execute(f"create or replace temp table raw_rows as select {', '.join(cols)} "  # noqa: S608 (fixed names)
                "from wd_entries", params)
    add_missing_columns(con, "raw_rows", fmt.optional, list(SIGNATURE + OPTIONAL))
    con.execute("create or replace temp view src as select rowid + 1 as _rec, * from raw_rows")
    ctx.use_date_order(fmt.date_order)
    con.execute(f"create or replace temp table staged as {sql.query_text(fmt.staging)}")
    return finish_staged(ctx, fmt, path, "raw_rows", [], None)


COMMON = dict(table="hr_rows", staging="staging/stg_workday", optional=OPTIONAL,
              key="person_id || ' on ' || coalesce(strftime(effective_date, '%Y-%m-%d'), 'the report')",
              key_label="worker", date_order="mdy", order=10)

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
