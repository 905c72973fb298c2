"""Three warning signs the way an analyst would work them out in a pandas notebook.

This is the comparison the benchmark makes: no database, no rollups — read the exported CSV
and JSON files with pandas, merge, group, and walk the manager chain in a loop. It follows the
same rules as the product (the default keywords for functions, activities, ticket classes and
deferrals) so both do the same work on the same files:

- sales time on operations: share of salespeople who logged a fifth or more of a month on
  operations or delivery tasks, per month;
- initiative deferrals: share of professional-services initiatives (not paid work) deferred two
  or more times, per team and month created;
- PS units under Sales: share of PS people whose chain of managers reaches a Sales leader
  before an executive, per month.

Run it alone with ``uv run python bench/notebook_pandas.py DATA_DIR``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pandas as pd

FUNCTION_WORDS = [  # checked in this order, on department then title, like the default rules
    ("presales", r"pre-?sales|solutions? engineering|sales engineering|solution consultant"),
    ("sales", r"sales|business development|bizdev|lead gen|account executive|account manager"),
    ("ps", r"professional services|consulting|implementation|delivery|customer success engineering"),
    ("ops", r"operations|\bops\b|fulfil+ment|order management|billing operations"),
    ("support", r"support|helpdesk|service desk"),
    ("exec", r"\bceo\b|chief|office of the ceo"),
]
OPERATIONS = r"order follow-up|order entry|invoic|billing|reporting|data entry|fulfil|backlog|\bops\b"
DELIVERY = r"implementation|configuration|go-live|training|project delivery|migration"
INITIATIVE = {"initiative", "improvement", "relationship", "health-check", "qbr", "enablement",
              "best-practice"}
REVENUE = {"billable", "revenue", "upsell", "change-order", "sow", "customer-request"}
DEFER_STATUS = {"deferred", "on hold", "backlog", "won't do"}
PRIORITY_RANK = {"highest": 5, "high": 4, "medium": 3, "low": 2, "lowest": 1}


# ---------------------------------------------------------------- reading the exports

def read_all(data: Path) -> dict:
    hr = pd.read_csv(data / "hr" / "bamboohr_job_history.csv", dtype=str)
    time_files = sorted((data / "time").glob("*.csv"))
    entries = pd.concat([pd.read_csv(f, dtype={"Employee Id": str}) for f in time_files],
                        ignore_index=True)
    jira = pd.concat([pd.read_csv(f, dtype=str) for f in sorted((data / "jira").glob("*.csv"))],
                     ignore_index=True)
    changelog = []
    for f in sorted((data / "jira").glob("*.json")):
        with open(f, encoding="utf-8") as fh:
            changelog += json.load(fh)["issues"]
    return {"hr": hr, "entries": entries, "jira": jira, "changelog": changelog}


# ---------------------------------------------------------------- the org chart by month

def function_of(department: pd.Series, title: pd.Series) -> pd.Series:
    out = pd.Series("other", index=department.index)
    decided = pd.Series(False, index=department.index)
    for text in (department.fillna(""), title.fillna("")):
        for fn, pattern in FUNCTION_WORDS:
            hit = ~decided & text.str.contains(pattern, case=False, regex=True)
            out[hit] = fn
            decided |= hit
    return out


def org_by_month(hr: pd.DataFrame, months: pd.DatetimeIndex) -> pd.DataFrame:
    """Everyone employed at each month end, with their job row as of that day."""
    hr = hr.copy()
    hr["effective"] = pd.to_datetime(hr["Effective Date"], format="%m/%d/%Y", errors="coerce")
    hr["hired"] = pd.to_datetime(hr["Hire Date"], format="%m/%d/%Y", errors="coerce")
    hr["left"] = pd.to_datetime(hr["Termination Date"], format="%m/%d/%Y", errors="coerce")
    hr["name"] = hr["First Name"] + " " + hr["Last Name"]
    hr["function"] = function_of(hr["Department"], hr["Job Title"])
    hr = hr.dropna(subset=["effective"]).sort_values("effective")
    frames = []
    for month in months:
        day = month + pd.offsets.MonthEnd(0)
        rows = hr[hr["effective"] <= day].groupby("Employee #").tail(1)
        rows = rows[(rows["hired"] <= day) & (rows["left"].isna() | (rows["left"] >= month))]
        frames.append(rows.assign(month=month))
    return pd.concat(frames, ignore_index=True)


# ---------------------------------------------------------------- 1. sales time on operations

def sales_in_operations(entries: pd.DataFrame, org: pd.DataFrame) -> pd.DataFrame:
    e = entries.copy()
    e["date"] = pd.to_datetime(e["Date"], format="%Y-%m-%d", errors="coerce")
    e["hours"] = pd.to_numeric(e["Hours"], errors="coerce")
    e = e.dropna(subset=["date", "hours"])
    e = e[e["hours"] > 0]
    e["month"] = e["date"].dt.to_period("M").dt.to_timestamp()
    task = e["Task"].fillna("") + " " + e["Project"].fillna("")
    e["other_team"] = task.str.contains(OPERATIONS, case=False) | task.str.contains(DELIVERY,
                                                                                   case=False)
    people = org[["Employee #", "month", "function", "Department"]].rename(
        columns={"Employee #": "Employee Id"})
    e = e.merge(people, on=["Employee Id", "month"], how="left")
    sales = e[e["function"] == "sales"]
    sales = sales.assign(other=sales["hours"].where(sales["other_team"], 0.0))
    per_person = sales.groupby(["month", "Employee Id"])[["hours", "other"]].sum().reset_index()
    per_person["pulled"] = per_person["other"] >= 0.2 * per_person["hours"]
    out = per_person.groupby("month").agg(reps=("pulled", "size"), pulled=("pulled", "sum"))
    out["value"] = (100 * out["pulled"] / out["reps"]).round(1)
    return out.reset_index()


# ---------------------------------------------------------------- 2. initiative deferrals

def deferral_counts(changelog: list[dict]) -> pd.Series:
    counts = {}
    for issue in changelog:
        n = 0
        for history in (issue.get("changelog") or {}).get("histories") or []:
            for item in history.get("items") or []:
                field = (item.get("field") or "").lower()
                before, after = item.get("fromString"), item.get("toString")
                if field == "status" and (after or "").lower() in DEFER_STATUS:
                    n += 1
                elif field == "priority" and PRIORITY_RANK.get((before or "").lower(), 0) > \
                        PRIORITY_RANK.get((after or "").lower(), 0) > 0:
                    n += 1
                elif field == "duedate" and before and after and after > before:
                    n += 1
                elif field == "sprint" and before and after and after != before:
                    n += 1
        counts[issue["key"]] = n
    return pd.Series(counts, name="deferrals")


def deferred_initiatives(jira: pd.DataFrame, changelog: list[dict], org: pd.DataFrame) -> pd.DataFrame:
    t = jira.copy()
    label_cols = [c for c in t.columns if c == "Labels" or c.startswith("Labels.")]
    labels = t[label_cols].apply(lambda row: {str(x).lower() for x in row if pd.notna(x)}, axis=1)
    t["initiative"] = labels.apply(lambda s: bool(s & INITIATIVE))
    t["revenue"] = labels.apply(lambda s: bool(s & REVENUE))
    t["created"] = pd.to_datetime(t["Created"], format="%d/%b/%y %I:%M %p", errors="coerce")
    t["month"] = t["created"].dt.to_period("M").dt.to_timestamp()
    sprint_cols = [c for c in t.columns if c == "Sprint" or c.startswith("Sprint.")]
    carried = (t[sprint_cols].notna().sum(axis=1) - 1).clip(lower=0)
    t = t.join(deferral_counts(changelog), on="Issue key")
    t["deferrals"] = t["deferrals"].fillna(0).clip(lower=carried)
    # the team of a ticket: its assignee's department that month (matched by name)
    owners = org[["name", "month", "Department", "function"]]
    t = t.merge(owners, left_on=["Assignee", "month"], right_on=["name", "month"], how="left")
    ps = t[(t["function"] == "ps") & t["initiative"] & ~t["revenue"]]
    out = ps.groupby(["Department", "month"]).agg(
        initiatives=("Issue key", "size"),
        deferred=("deferrals", lambda d: int((d >= 2).sum())),
    ).reset_index()
    out["value"] = (100 * out["deferred"] / out["initiatives"]).round(1)
    return out


# ---------------------------------------------------------------- 3. PS units under Sales

def ps_reports_into_sales(org: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for month, people in org.groupby("month"):
        manager_of = dict(zip(people["name"], people["Reports To"].fillna(""), strict=False))
        function = dict(zip(people["name"], people["function"], strict=False))
        ps = people[people["function"] == "ps"]
        under = 0
        for name in ps["name"]:
            seen, boss = {name}, manager_of.get(name, "")
            while boss and boss not in seen:
                if function.get(boss) == "sales":
                    under += 1
                    break
                if function.get(boss) == "exec":
                    break
                seen.add(boss)
                boss = manager_of.get(boss, "")
        rows.append({"month": month, "ps_people": len(ps), "under_sales": under,
                     "value": round(100 * under / len(ps), 1) if len(ps) else None})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- the notebook, top to bottom

def run(data: Path) -> dict:
    t0 = time.perf_counter()
    frames = read_all(Path(data))
    t1 = time.perf_counter()
    dates = pd.to_datetime(frames["entries"]["Date"], format="%Y-%m-%d", errors="coerce")
    months = pd.date_range(dates.min().to_period("M").to_timestamp(), dates.max(), freq="MS")
    org = org_by_month(frames["hr"], months)
    t2 = time.perf_counter()
    sio = sales_in_operations(frames["entries"], org)
    t3 = time.perf_counter()
    di = deferred_initiatives(frames["jira"], frames["changelog"], org)
    t4 = time.perf_counter()
    pris = ps_reports_into_sales(org)
    t5 = time.perf_counter()
    return {
        "read_s": t1 - t0,
        "org_s": t2 - t1,
        "sales_in_operations_s": t3 - t2,
        "deferred_initiatives_s": t4 - t3,
        "ps_reports_into_sales_s": t5 - t4,
        "compute_s": t5 - t1,
        "seconds": t5 - t0,
        "rows": {"time_entries": len(frames["entries"]), "tickets": len(frames["jira"]),
                 "hr": len(frames["hr"])},
        "latest": {
            "sales_in_operations_max": float(sio["value"].max()) if len(sio) else None,
            "deferred_initiatives_max": float(di["value"].max()) if len(di) else None,
            "ps_reports_into_sales_last": float(pris["value"].dropna().iloc[-1])
            if pris["value"].notna().any() else None,
        },
    }


if __name__ == "__main__":
    print(json.dumps(run(Path(sys.argv[1])), indent=2, default=str))
