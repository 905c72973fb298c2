"""Jira Cloud exports of the generated tickets: 'Export Excel CSV (all fields)' files of at most
1,000 issues each, and REST search pages with expand=changelog."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl

from orghealth.generate.deals import Accounts
from orghealth.generate.org import Org
from orghealth.generate.plan import DOMAIN, EXPORT_AT, Plan
from orghealth.generate.tickets import PROJECTS, Tickets

PAGE = 1000       # Jira Cloud's CSV export cap
JSON_PAGE = 1000  # issues per saved search page
SITE = "https://larkspur.atlassian.net"
JIRA_DATE = "%d/%b/%y %-I:%M %p"
TYPES = {"revenue": "Task", "initiative": "Improvement", "warning": "Task", "mismatch": "Bug",
         "ops": "Service Request", "incident": "Incident", "escalation": "Escalation"}
SUMMARIES = {
    "revenue": ["Change request: extra report pack for {a}", "Billable: configure approval flow for {a}",
                "Customer request: new user roles for {a}", "Change order: second site roll-out at {a}"],
    "initiative": ["Quarterly business review with {a}", "Health check of {a} configuration",
                   "Enablement session for {a} admins", "Best-practice review for {a}"],
    "warning": ["Risk: go-live date at {a} slipping", "Heads-up: {a} unhappy with response times",
                "Concern: data quality in the {a} migration", "Early warning: {a} sponsor leaving"],
    "mismatch": ["{a} expected a feature that is not in the contract",
                 "{a}: integration sold as standard is custom work",
                 "{a} disputes the scope of phase two"],
    "ops": ["Order for {a} stuck in fulfilment", "Invoice correction for {a}",
            "Billing run failed for {a}", "Order entry backlog item for {a}"],
    "incident": ["{a}: login errors after update", "{a}: export job failing",
                 "{a}: slow dashboards since Monday"],
    "escalation": ["Escalation: {a} production outage", "Escalation: {a} executive complaint",
                   "Escalation: {a} threatens to cancel"],
}
COMMENTS = {
    "warning": "Raised with the account team.\nNext check at the weekly sync.",
    "flagged": "Parking this until after the quarter close.",
    "escalation": "Customer escalated to our CEO.\nRoot cause review scheduled.",
    "initiative": "Moved to next sprint, customer work first.",
}


def _offset(ts: np.ndarray) -> np.ndarray:
    """Central European offset of local timestamps: +0200 in summer time, else +0100."""
    year = ts.astype("datetime64[Y]").astype(int) + 1970
    def last_sunday(month):
        first_next = (np.array(year - 1970, dtype="datetime64[Y]") +
                      np.timedelta64(month, "M")).astype("datetime64[D]")
        wd = (first_next.astype(np.int64) - 1 + 3) % 7  # weekday of the month's last day
        return first_next - 1 - (wd - 6) % 7
    start = last_sunday(3).astype("datetime64[s]") + np.timedelta64(2 * 3600, "s")
    end = last_sunday(10).astype("datetime64[s]") + np.timedelta64(3 * 3600, "s")
    return np.where((ts >= start) & (ts < end), "+0200", "+0100")


def _iso(col: pl.Series) -> pl.Series:
    ts = col.to_numpy().astype("datetime64[s]")
    ms = (ts.astype(np.int64) * 7919) % 1000
    out = (col.dt.strftime("%Y-%m-%dT%H:%M:%S") + "." +
           pl.Series(ms).cast(pl.String).str.zfill(3) + pl.Series(_offset(ts)))
    return pl.select(pl.when(col.is_null()).then(None).otherwise(out)).to_series()


def _enrich(plan: Plan, org: Org, acc: Accounts, t: Tickets) -> pl.DataFrame:
    """Text the tickets carry: summary, description, team, components, comments, type."""
    iss = t.issues
    n = iss.height
    idx = iss["t"].to_numpy()
    kind = iss["kind"].to_numpy()
    project = iss["project"].to_numpy()
    acct = iss["account"].to_numpy()
    acct_name = np.where(acct >= 0, acc.name[np.maximum(acct, 0)], None)
    pick = (idx * 2654435761) % 1000
    template = np.empty(n, dtype=object)
    for k, options in SUMMARIES.items():
        sel = kind == k
        template[sel] = np.array(options, dtype=object)[pick[sel] % len(options)]
    rep = iss["reporter"].to_numpy()
    asg = iss["assignee"].to_numpy()
    planted = iss["planted"].to_numpy()
    flagged = planted == "flagged"
    body = np.array([COMMENTS.get(k) for k in kind], dtype=object)
    body = np.where(flagged, COMMENTS["flagged"], body)
    has_comment = (body != None) & ((pick % 3 == 0) | flagged)  # noqa: E711
    who = np.where(flagged, org.key["vp_sales"], np.where(asg >= 0, asg, rep))
    created = iss["created"].to_numpy().astype("datetime64[s]")
    updated = iss["updated"].to_numpy().astype("datetime64[s]")
    when = (created + (updated - created) // 2).astype("datetime64[ms]")
    team = np.vectorize(lambda p: PROJECTS[p][1], otypes=[object])(project)
    first_label = iss["labels"].list.first().to_numpy()
    team = np.where((kind == "ops") & np.isin(first_label, ["invoice", "billing"]),
                    "Billing Operations", team)
    comp_pool = {"PSN": ("Delivery", "Customer success"), "PSS": ("Delivery", "Customer success"),
                 "OPS": ("Orders", "Invoicing"), "SUP": ("Platform", "Integrations")}
    comp1 = np.vectorize(lambda p: comp_pool[p][0], otypes=[object])(project)
    comp2 = np.vectorize(lambda p: comp_pool[p][1], otypes=[object])(project)

    def col(values) -> pl.Series:
        return pl.Series(list(values), dtype=pl.String)

    f = pl.DataFrame({
        "template": col(template),
        "acct": col(acct_name),
        "raised_by": col(org.name[rep]),
        "when": pl.Series(when).dt.strftime(JIRA_DATE),
        "who": col(org.account_id[who]),
        "body": col(np.where(has_comment, body, None)),
        "comp1": col(np.where(pick % 5 != 0, comp1, None)),
        "comp2": col(np.where((pick % 5 != 0) & (pick % 3 == 0), comp2, None)),
    })
    text = f.select(
        summary=pl.col("template").str.replace(
            "{a}", pl.col("acct").fill_null(pl.lit("internal accounts")), literal=True),
        acct=pl.col("acct"),
        comp=pl.concat_list("comp1", "comp2").list.drop_nulls(),
        comment=pl.concat_list(pl.concat_str(["when", "who", "body"], separator=";"))
        .list.drop_nulls(),
        raised_by=pl.col("raised_by"),
    ).with_columns(
        description=pl.concat_str([
            pl.col("summary"), pl.lit(".\n\nRaised by "), pl.col("raised_by"), pl.lit("."),
            pl.when(pl.col("acct").is_not_null())
            .then(pl.lit("\nCustomer: ") + pl.col("acct")).otherwise(pl.lit(""))]),
    )
    return iss.with_columns(
        text["summary"].alias("summary"),
        text["description"].alias("description"),
        text["acct"].alias("customer"),
        col(team).alias("team"),
        text["comp"].alias("components"),
        text["comment"].alias("comments"),
        pl.Series("type", [TYPES[k] for k in kind], dtype=pl.String),
    )


def _person(org: Org, idx: pl.Series, what: str) -> pl.Series:
    a = idx.to_numpy()
    vals = np.where(a >= 0, (org.name if what == "name" else org.account_id)[np.maximum(a, 0)], None)
    return pl.Series(list(vals), dtype=pl.String)


def _repeat(col: pl.Series, prefix: str, width: int) -> list[pl.Series]:
    return [col.list.get(i, null_on_oob=True).alias(f"{prefix}__{i}") for i in range(width)]


def write_jira_csv(plan: Plan, org: Org, iss: pl.DataFrame, out: Path) -> list[Path]:
    stamp = str(EXPORT_AT).replace("-", "").replace("T", "").replace(":", "")
    order = iss.sort("rank", descending=True)  # newest first, as Jira's default search
    paths = []
    for page, lo in enumerate(range(0, order.height, PAGE), start=1):
        chunk = order.slice(lo, PAGE)
        widths = {c: max(1, int(chunk[c].list.len().max() or 0))
                  for c in ("components", "labels", "sprints", "comments")}
        def d(col, chunk=chunk):
            return chunk[col].dt.strftime(JIRA_DATE)
        lead = {"PSN": org.key["ps_north_head"], "PSS": org.key["ps_south_head"],
                "OPS": org.key["coo"], "SUP": org.key["coo"]}
        lead_idx = chunk["project"].replace_strict(lead, return_dtype=pl.Int64)
        cols: list[tuple[str, pl.Series]] = [
            ("Summary", chunk["summary"]), ("Issue key", chunk["key"]),
            ("Issue id", chunk["id"].cast(pl.String)), ("Issue Type", chunk["type"]),
            ("Status", chunk["status"]), ("Project key", chunk["project"]),
            ("Project name", chunk["project"].replace_strict({k: v[0] for k, v in PROJECTS.items()})),
            ("Project type", pl.repeat("software", chunk.height, eager=True)),
            ("Project lead", _person(org, lead_idx, "name")),
            ("Project lead id", _person(org, lead_idx, "id")),
            ("Priority", chunk["priority"]), ("Resolution", chunk["resolution"]),
            ("Assignee", _person(org, chunk["assignee"], "name")),
            ("Assignee Id", _person(org, chunk["assignee"], "id")),
            ("Reporter", _person(org, chunk["reporter"], "name")),
            ("Reporter Id", _person(org, chunk["reporter"], "id")),
            ("Creator", _person(org, chunk["reporter"], "name")),
            ("Creator Id", _person(org, chunk["reporter"], "id")),
            ("Created", d("created")), ("Updated", d("updated")),
            ("Last Viewed", pl.Series([None] * chunk.height, dtype=pl.String)),
            ("Resolved", d("resolved")), ("Fix versions", pl.Series([None] * chunk.height, dtype=pl.String)),
        ]
        cols += [("Components", s) for s in _repeat(chunk["components"], "c", widths["components"])]
        cols += [("Due date", chunk["due"].cast(pl.Datetime("ms")).dt.strftime(JIRA_DATE)),
                 ("Votes", pl.repeat("0", chunk.height, eager=True))]
        cols += [("Labels", s) for s in _repeat(chunk["labels"], "l", widths["labels"])]
        cols += [("Description", chunk["description"]),
                 ("Environment", pl.Series([None] * chunk.height, dtype=pl.String)),
                 ("Original estimate", pl.Series([None] * chunk.height, dtype=pl.String)),
                 ("Time Spent", pl.Series([None] * chunk.height, dtype=pl.String))]
        cols += [("Sprint", s) for s in _repeat(chunk["sprints"], "s", widths["sprints"])]
        cols += [("Custom field (Customer)", chunk["customer"]),
                 ("Custom field (Root Cause Team)", chunk["root_cause"]),
                 ("Custom field (Team)", chunk["team"]),
                 ("Custom field (Story Points)", pl.Series([None] * chunk.height, dtype=pl.String)),
                 ("Custom field (Rank)", pl.Series([f"0|i0{r:05d}:" for r in chunk["rank"]]))]
        cols += [("Comment", s) for s in _repeat(chunk["comments"], "m", widths["comments"])]
        cols += [("Parent", pl.Series([None] * chunk.height, dtype=pl.String)),
                 ("Parent key", pl.Series([None] * chunk.height, dtype=pl.String)),
                 ("Status Category", chunk["status"].replace_strict(
                     {"To Do": "To Do", "Backlog": "To Do", "In Progress": "In Progress",
                      "On Hold": "In Progress", "Done": "Done", "Closed": "Done"})),
                 ("Status Category Changed", d("updated"))]
        frame = pl.DataFrame([s.alias(f"c{i}") for i, (_, s) in enumerate(cols)])
        path = out / f"Jira Export CSV (all fields) {stamp}-{page}.csv"
        header = ",".join(name for name, _ in cols) + "\n"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(header)
            frame.write_csv(fh, include_header=False)
        paths.append(path)
    return paths


def write_jira_json(plan: Plan, org: Org, t: Tickets, iss: pl.DataFrame, out: Path) -> list[Path]:
    """Saved REST search pages (`/rest/api/3/search/jql?expand=changelog` with a `fields=` list:
    the fields that carry history), 1,000 issues per file."""
    ev = t.events
    author = ev["author"]
    hist = (ev.with_columns(
        created=_iso(ev["at"]),
        item=pl.struct(
            pl.col("field"),
            fromString=pl.col("from"), toString=pl.col("to")),
        author=pl.struct(accountId=_person(org, author, "id"), displayName=_person(org, author, "name")),
    ).group_by("t", "at", "created", "author", maintain_order=True)
        .agg(pl.col("item").alias("items"))
        .sort("t", "at"))
    hist = hist.with_columns(id=(pl.int_range(pl.len()) + 20000).cast(pl.String))
    hist = hist.group_by("t", maintain_order=True).agg(
        pl.struct("id", "author", "created", "items").alias("histories"))
    sprint_meta = t.sprints.with_columns(
        state=pl.when(pl.col("start") + pl.duration(days=14) <= EXPORT_AT.astype("datetime64[D]"))
        .then(pl.lit("closed")).when(pl.col("start") <= EXPORT_AT.astype("datetime64[D]"))
        .then(pl.lit("active")).otherwise(pl.lit("future")),
        startDate=pl.col("start").dt.strftime("%Y-%m-%dT08:00:00.000Z"),
        endDate=(pl.col("start") + pl.duration(days=13)).dt.strftime("%Y-%m-%dT16:00:00.000Z"),
        boardId=pl.when(pl.col("project") == "PSN").then(1).otherwise(2),
    )
    sprint_struct = (iss.select("t", "sprints").explode("sprints")
                     .join(sprint_meta.rename({"name": "sprints"}), on="sprints", how="inner")
                     .group_by("t", maintain_order=True)
                     .agg(pl.struct(pl.col("id"), name=pl.col("sprints"), state=pl.col("state"),
                                    boardId=pl.col("boardId")).alias("customfield_10020")))
    j = iss.join(hist, on="t", how="left").join(sprint_struct, on="t", how="left")
    j = j.with_columns(
        created_s=_iso(j["created"]), updated_s=_iso(j["updated"]), resolved_s=_iso(j["resolved"]),
        asg_id=_person(org, j["assignee"], "id"), asg_name=_person(org, j["assignee"], "name"),
        rep_id=_person(org, j["reporter"], "id"), rep_name=_person(org, j["reporter"], "name"),
        n_hist=pl.col("histories").list.len().fill_null(0),
    )
    cat = {"To Do": "new", "Backlog": "new", "In Progress": "indeterminate", "On Hold": "indeterminate",
           "Done": "done", "Closed": "done"}
    doc = j.sort("rank", descending=True).select(
        pl.col("id").cast(pl.String).alias("id"),
        pl.col("key"),
        pl.struct(startAt=pl.lit(0), maxResults=pl.col("n_hist"), total=pl.col("n_hist"),
                  histories=pl.col("histories")).alias("changelog"),
        pl.struct(
            issuetype=pl.struct(name=pl.col("type")),
            status=pl.struct(name=pl.col("status"), statusCategory=pl.struct(
                key=pl.col("status").replace_strict(cat))),
            priority=pl.struct(name=pl.col("priority")),
            resolution=pl.when(pl.col("resolution").is_not_null())
            .then(pl.struct(name=pl.col("resolution"))),
            resolutiondate=pl.col("resolved_s"), created=pl.col("created_s"),
            duedate=pl.col("due").dt.strftime("%Y-%m-%d"),
            labels=pl.col("labels"),
            assignee=pl.when(pl.col("asg_id").is_not_null()).then(
                pl.struct(accountId=pl.col("asg_id"), displayName=pl.col("asg_name"))),
            customfield_10020=pl.col("customfield_10020"),
        ).alias("fields"),
    )
    paths = []
    total = doc.height
    for page, lo in enumerate(range(0, total, JSON_PAGE), start=1):
        chunk = doc.slice(lo, JSON_PAGE)
        path = out / f"jira-search-changelog-{page}.json"
        head = (f'{{"expand":"schema,names","startAt":{lo},"maxResults":{JSON_PAGE},"total":{total},'
                f'"issues":')
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(head)
            fh.write(chunk.write_json())
            fh.write("}\n")
        paths.append(path)
    return paths


__all__ = ["DOMAIN", "write_jira_csv", "write_jira_json", "_enrich"]
