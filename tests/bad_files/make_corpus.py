"""Writes the bad-file corpus next to this script. Run once; the files are kept in git, and
expected.yml says what each must give. Rerun only to add a kind of damage."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent

HARVEST = ("Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Invoiced?,Approved?,"
           "First Name,Last Name,Employee Id,Roles,Employee?,Billable Rate,Billable Amount,"
           "Cost Rate,Cost Amount,Currency,External Reference URL")
H_ROW = "2025-01-{d:02d},Acme,Acme rollout,P-1,Implementation,{notes},{hours},Yes,No,Yes,Ann,Lee,E4,,Yes,100,750,50,375,Euro - EUR,"
BAMBOO = ("Employee #,First Name,Last Name,Work Email,Effective Date,Job Title,Department,"
          "Division,Location,Reports To,Hire Date,Termination Date,Employment Status")
B_OK = [
    "E1,Carla,Chief,carla@acme.test,01/01/2024,Chief Executive Officer,Office of the CEO,,Berlin,,01/01/2020,,Active",
    "E2,Sam,Seller,sam@acme.test,01/01/2024,VP Sales,Sales,,Berlin,Carla Chief,03/15/2021,,Active",
    "E3,Pat,Delivery,pat@acme.test,01/01/2024,Head of Professional Services,Professional Services,,Berlin,Carla Chief,06/01/2021,,Active",
]
JIRA = ("Summary,Issue key,Issue id,Issue Type,Status,Priority,Assignee,Reporter,Created,"
        "Labels,Labels,Custom field (Customer)")
J_ROW = "Work {k},PS-{k},{id},Task,Open,Medium,Ann Lee,Sam Seller,{created},qbr,,Acme"
HUBSPOT = ('"Record ID","Deal Name","Deal Stage","Close Date","Deal owner","Amount",'
           '"Closed Lost Reason","Last Modified Date","Create Date"')
HS_ROW = '"{id}","Deal {id}","Closed won","2025-01-04 11:48","Sam Seller","{amount}","","",""'
PROJECTS = "project_id,name,deal_id,account,started_at,go_live_at,estimated_hours,scoped_by,status"
ORG = "PersonID,SupervisorID,Name,Title,Department"


def harvest(rows: list[str]) -> str:
    return "\n".join([HARVEST, *rows]) + "\n"


def good_harvest(n: int = 3) -> list[str]:
    return [H_ROW.format(d=i + 6, notes="setup", hours="7.5") for i in range(n)]


def jira(rows: list[str]) -> str:
    return "\n".join([JIRA, *rows]) + "\n"


def good_jira(n: int = 3, start: int = 1) -> list[str]:
    return [J_ROW.format(k=k, id=1000 + k, created="02/Jan/25 9:15 AM")
            for k in range(start, start + n)]


def files() -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {}
    out["empty.csv"] = b""
    out["whitespace_only.csv"] = "  \n\n \t\n"
    out["binary_junk.csv"] = bytes(range(256)) * 8
    out["png_named_csv.csv"] = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    out["unknown_headers.csv"] = "colour,shape,size\nred,round,3\n"
    out["harvest_header_only.csv"] = HARVEST + "\n"
    out["harvest_missing_hours_column.csv"] = (
        HARVEST.replace(",Hours", "") + "\n"
        + "2025-01-06,Acme,Acme rollout,P-1,Implementation,x,Yes,No,Yes,Ann,Lee,E4,,Yes,100,750,50,375,Euro - EUR,\n")
    out["harvest_truncated_last_line.csv"] = harvest(good_harvest(3) + ["2025-01-09,Acme,Acme roll"])
    out["harvest_extra_cells.csv"] = harvest(good_harvest(2) + [H_ROW.format(d=9, notes="x", hours="1") + ",surplus,cells"])
    out["harvest_hours_not_a_number.csv"] = harvest(good_harvest(2) + [H_ROW.format(d=9, notes="x", hours="seven")])
    out["harvest_bad_date.csv"] = harvest(good_harvest(2) + [H_ROW.format(d=9, notes="x", hours="2").replace("2025-01-09", "2025-13-45")])
    out["harvest_stray_quote.csv"] = harvest(good_harvest(2) + [H_ROW.format(d=9, notes='say "hi', hours="2")])
    out["harvest_unclosed_quote_to_end.csv"] = harvest(good_harvest(2) + [H_ROW.format(d=9, notes='"never closed', hours="2"), *good_harvest(2)])
    out["harvest_huge_cell.csv"] = harvest(good_harvest(2) + [H_ROW.format(d=9, notes="x" * 300_000, hours="2")])
    out["harvest_future_date.csv"] = harvest(good_harvest(2) + [H_ROW.format(d=9, notes="x", hours="2").replace("2025-01-09", "2099-01-09")])
    out["harvest_negative_hours.csv"] = harvest(good_harvest(2) + [H_ROW.format(d=9, notes="x", hours="-4")])
    out["harvest_blank_lines.csv"] = HARVEST + "\n\n" + "\n\n".join(good_harvest(3)) + "\n\n\n"
    out["harvest_nul_bytes.csv"] = (harvest(good_harvest(2) + [H_ROW.format(d=9, notes="a\x00b", hours="2")])).encode()
    out["harvest_cr_only_line_ends.csv"] = harvest(good_harvest(3)).replace("\n", "\r")
    out["harvest_latin1.csv"] = harvest(good_harvest(2) + [H_ROW.format(d=9, notes="Café Müller", hours="2")]).encode("latin-1")
    out["bamboohr_duplicate_rows.csv"] = "\n".join([BAMBOO, *B_OK, B_OK[2]]) + "\n"
    out["bamboohr_reporting_cycle.csv"] = "\n".join([BAMBOO, B_OK[0],
        "E2,Sam,Seller,sam@acme.test,01/01/2024,VP Sales,Sales,,Berlin,Pat Delivery,03/15/2021,,Active",
        "E3,Pat,Delivery,pat@acme.test,01/01/2024,Head of Professional Services,Professional Services,,Berlin,Sam Seller,06/01/2021,,Active"]) + "\n"
    out["bamboohr_unknown_manager.csv"] = "\n".join([BAMBOO, *B_OK,
        "E4,Ann,Lee,ann@acme.test,01/01/2024,Consultant,Professional Services,,Berlin,Ghost Person,02/01/2022,,Active"]) + "\n"
    out["bamboohr_bad_effective_date.csv"] = "\n".join([BAMBOO, *B_OK,
        "E4,Ann,Lee,ann@acme.test,31/31/2024,Consultant,Professional Services,,Berlin,Pat Delivery,02/01/2022,,Active"]) + "\n"
    out["bamboohr_future_dates.csv"] = "\n".join([BAMBOO, *B_OK,
        "E4,Ann,Lee,ann@acme.test,01/01/2099,Consultant,Professional Services,,Berlin,Pat Delivery,02/01/2099,,Active"]) + "\n"
    out["bamboohr_missing_employee_id.csv"] = "\n".join([BAMBOO, *B_OK,
        ",Ann,Lee,ann@acme.test,01/01/2024,Consultant,Professional Services,,Berlin,Pat Delivery,02/01/2022,,Active"]) + "\n"
    out["orgchart_self_and_mutual_cycle.csv"] = "\n".join([ORG, "1,,Top Person,CEO,Office of the CEO",
        "2,3,Two Person,Lead,Sales", "3,2,Three Person,Lead,Sales", "4,4,Four Person,Rep,Sales"]) + "\n"
    out["jira_duplicate_issue_keys.csv"] = jira(good_jira(3) + [good_jira(1, start=2)[0]])
    out["jira_bad_created_date.csv"] = jira(good_jira(2, 1) + [J_ROW.format(k=9, id=1009, created="yesterday")])
    out["jira_missing_issue_key.csv"] = jira(good_jira(2) + ["Orphan,,1099,Task,Open,Medium,Ann Lee,Sam Seller,02/Jan/25 9:15 AM,,,Acme"])
    out["jira_script_in_summary.csv"] = jira([J_ROW.format(k=1, id=1001, created="02/Jan/25 9:15 AM").replace("Work 1", "<script>alert(1)</script>")])
    out["jira_future_created.csv"] = jira(good_jira(2) + [J_ROW.format(k=9, id=1009, created="02/Jan/99 9:15 AM")])
    out["hubspot_bad_amount_and_duplicate.csv"] = "\ufeff" + "\r\n".join([HUBSPOT,
        HS_ROW.format(id=1, amount="1000"), HS_ROW.format(id=2, amount="lots"),
        HS_ROW.format(id=1, amount="5")]) + "\r\n"
    out["projects_impossible_dates.csv"] = "\n".join([PROJECTS,
        "P-1,Acme,D-1,Acme,2025-01-02,,120,E2,active", "P-2,Beta,D-2,Beta,2025-02-30,,80,E2,active",
        "P-3,Gamma,D-3,Gamma,2025-03-01,2025-01-01,abc,E2,active"]) + "\n"
    out["projects_duplicate_ids.csv"] = "\n".join([PROJECTS,
        "P-1,Acme,D-1,Acme,2025-01-02,,120,E2,active", "P-1,Acme again,D-1,Acme,2025-01-02,,120,E2,active"]) + "\n"
    issue = {"id": "1", "key": "PS-1", "fields": {"created": "2025-01-02T09:15:00.000+0100"}}
    out["jira_json_truncated.json"] = json.dumps({"issues": [issue, issue]})[:60]
    out["jira_json_empty_issues.json"] = json.dumps({"startAt": 0, "total": 0, "issues": []})
    out["jira_json_wrong_types.json"] = json.dumps({"issues": [
        issue, {"id": 2, "key": 7, "fields": "not an object"}, {"key": "PS-3", "fields": {"created": 12345}}]})
    out["json_that_is_a_list_of_numbers.json"] = "[1, 2, 3]"
    return out


def main() -> None:
    for name, body in files().items():
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
