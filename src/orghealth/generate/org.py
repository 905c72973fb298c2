"""The company's people: seats in an org tree, who sits in them over time, and the BambooHR
job-history report (one row per job change, `Reports To` as a name, MM/DD/YYYY dates)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from orghealth.generate.names import person_names
from orghealth.generate.plan import DOMAIN, Plan

FAR = np.datetime64("2999-12-31")

# (department, division, location, size at 300 people, parent exec, span, function,
#  head title, lead title, member titles with weights)
DEPARTMENTS = [
    ("Sales", "Go-to-Market", "Berlin", 40, "CEO", 10, "sales", "VP Sales", "Sales Manager",
     [("Account Executive", 0.45), ("Account Manager", 0.35), ("Business Development Representative", 0.2)]),
    ("Solutions Engineering", "Go-to-Market", "Berlin", 8, "COO", 8, "presales",
     "Head of Solutions Engineering", "Lead Solutions Engineer",
     [("Solutions Engineer", 0.7), ("Senior Solutions Engineer", 0.3)]),
    ("Professional Services - North", "Services", "Hamburg", 25, "COO", 8, "ps",
     "Head of Professional Services North", "Delivery Team Lead",
     [("Implementation Consultant", 0.5), ("Senior Consultant", 0.3), ("Technical Consultant", 0.2)]),
    ("Professional Services - South", "Services", "Munich", 25, "COO", 8, "ps",
     "Head of Professional Services South", "Delivery Team Lead",
     [("Implementation Consultant", 0.5), ("Senior Consultant", 0.3), ("Technical Consultant", 0.2)]),
    ("Order Management", "Operations", "Leipzig", 6, "COO", 8, "ops", "Head of Order Management",
     "Order Management Team Lead", [("Order Management Specialist", 1.0)]),
    ("Billing Operations", "Operations", "Leipzig", 6, "COO", 8, "ops", "Billing Operations Manager",
     "Billing Team Lead", [("Billing Specialist", 1.0)]),
    ("Customer Support", "Services", "Leipzig", 25, "COO", 8, "support", "Head of Customer Support",
     "Support Team Lead", [("Support Engineer", 0.8), ("Senior Support Engineer", 0.2)]),
    ("Engineering", "R&D", "Berlin", 0, "CTO", 8, "engineering", "VP Engineering",
     "Engineering Manager",
     [("Software Engineer", 0.55), ("Senior Software Engineer", 0.3), ("QA Engineer", 0.15)]),
    ("Product", "R&D", "Berlin", 12, "CTO", 8, "engineering", "Head of Product", "Product Lead",
     [("Product Manager", 0.6), ("Product Designer", 0.4)]),
    ("Finance", "Operations", "Berlin", 10, "CFO", 8, "other", "Head of Finance", "Finance Manager",
     [("Accountant", 0.6), ("Financial Analyst", 0.4)]),
    ("People", "Operations", "Berlin", 8, "CPO", 8, "other", "Head of People", "People Partner Lead",
     [("People Partner", 0.6), ("Recruiter", 0.4)]),
    ("Marketing", "Go-to-Market", "Berlin", 18, "CEO", 8, "other", "VP Marketing",
     "Marketing Manager", [("Marketing Specialist", 0.6), ("Content Marketer", 0.4)]),
]
EXECS = [("CEO", "Chief Executive Officer"), ("CFO", "Chief Financial Officer"),
         ("COO", "Chief Operating Officer"), ("CPO", "Chief People Officer"),
         ("CTO", "Chief Technology Officer")]
PROMOTIONS = {"Implementation Consultant": "Senior Consultant", "Solutions Engineer":
              "Senior Solutions Engineer", "Software Engineer": "Senior Software Engineer",
              "Support Engineer": "Senior Support Engineer", "Accountant": "Financial Analyst"}
PS_NORTH, PS_SOUTH = "Professional Services - North", "Professional Services - South"


@dataclass
class Org:
    # seats
    seat_dept: list[str]
    seat_title: list[str]
    seat_func: list[str]
    seat_parent: list[int]
    seat_kind: list[str]  # exec, head, lead, member
    seat_location: list[str]
    seat_division: list[str]
    # people (one per occupant of a seat)
    first: np.ndarray
    last: np.ndarray
    seat: np.ndarray
    hire: np.ndarray  # datetime64[D]
    term: np.ndarray  # last day worked, FAR if still employed
    emp_id: np.ndarray  # "1001", ...
    title: list[str] = field(default_factory=list)
    no_department: np.ndarray | None = None
    account_id: np.ndarray | None = None
    promotions: dict[int, tuple[np.datetime64, str]] = field(default_factory=dict)
    parent_changes: dict[int, list[tuple[np.datetime64, int]]] = field(default_factory=dict)
    occupants: dict[int, list[int]] = field(default_factory=dict)
    key: dict[str, int] = field(default_factory=dict)  # named people: vp_sales, ps_north_head, ...
    ops_reps: np.ndarray | None = None  # salespeople pulled into operations (troubled)
    drifters: np.ndarray | None = None  # pre-sales engineers whose line moves into Sales

    @property
    def n(self) -> int:
        return len(self.seat)

    @property
    def name(self) -> np.ndarray:
        return self.first + " " + self.last

    @property
    def email(self) -> np.ndarray:
        f = np.char.lower(np.char.replace(self.first.astype(str), " ", ""))
        f = np.char.replace(f, ".", "")
        return np.array([f"{a}.{b.lower()}@{DOMAIN}" for a, b in zip(f, self.last, strict=True)],
                        dtype=object)

    def dept(self) -> np.ndarray:
        return np.array(self.seat_dept, dtype=object)[self.seat]

    def func(self) -> np.ndarray:
        return np.array(self.seat_func, dtype=object)[self.seat]

    def active(self, day: np.datetime64) -> np.ndarray:
        return (self.hire <= day) & (self.term >= day)

    def occupant_at(self, seat: int, day: np.datetime64) -> int:
        occ = self.occupants[seat]
        best = occ[0]
        for p in occ:
            if self.hire[p] <= day:
                best = p
        return best

    def parent_at(self, seat: int, day: np.datetime64) -> int:
        parent = self.seat_parent[seat]
        for when, new in self.parent_changes.get(seat, []):
            if when <= day:
                parent = new
        return parent


def _build_seats(plan: Plan):
    dept, title, func, parent, kind, loc, div = [], [], [], [], [], [], []
    exec_seat = {}
    def seat(d, t, f, p, k, lo, dv):
        for lst, v in ((dept, d), (title, t), (func, f), (parent, p), (kind, k), (loc, lo),
                       (div, dv)):
            lst.append(v)

    for i, (code, t) in enumerate(EXECS):
        exec_seat[code] = i
        seat("Office of the CEO", t, "exec", -1 if i == 0 else 0, "exec", "Berlin", "Executive")
    sizes = {d[0]: max(6 if d[6] == "ps" else 3, round(d[3] * plan.scale)) for d in DEPARTMENTS}
    sizes["Engineering"] = max(3, plan.people - len(EXECS) - sum(
        v for k, v in sizes.items() if k != "Engineering"))
    rng = plan.rng("seats")
    heads = {}
    for d, division, location, _, boss, span, fn, head_t, lead_t, members in DEPARTMENTS:
        n = sizes[d]
        base = len(dept)
        heads[d] = base
        n_internal = -(-(n - 1) // span)
        mtitles = [m[0] for m in members]
        mweights = np.array([m[1] for m in members])
        picks = rng.choice(len(mtitles), size=n, p=mweights / mweights.sum())
        remote = rng.random(n) < 0.1
        for i in range(n):
            where = "Remote" if remote[i] and i > 0 else location
            if i == 0:
                seat(d, head_t, fn, exec_seat[boss], "head", where, division)
            elif i < n_internal:
                seat(d, lead_t, fn, base + (i - 1) // span, "lead", where, division)
            else:
                seat(d, mtitles[picks[i]], fn, base + (i - 1) // span, "member", where, division)
    return dept, title, func, parent, kind, loc, div, heads


def build_org(plan: Plan) -> Org:
    dept, title, func, parent, kind, loc, div, heads = _build_seats(plan)
    n_seats = len(dept)
    rng = plan.rng("turnover")
    start, end = plan.start, plan.end
    # planted people never leave, so each pattern stays with one person
    sales_members = [s for s in range(n_seats) if dept[s] == "Sales" and kind[s] == "member"]
    ams = [s for s in sales_members if title[s] == "Account Manager"]
    others = [s for s in sales_members if title[s] != "Account Manager"]
    n_ops_reps = max(1, min(len(sales_members), round(10 * plan.scale)))
    ops_rep_seats = (ams + others)[:n_ops_reps]
    se_members = [s for s in range(n_seats) if dept[s] == "Solutions Engineering" and kind[s] == "member"]
    # one pre-sales engineer per 300 people moves into Sales (one in the bundled company)
    drift_seats = se_members[: max(1, round(plan.scale))] or [heads["Solutions Engineering"] + 1]
    drift_seat = drift_seats[0]
    exempt = np.array([kind[s] in ("exec", "head") for s in range(n_seats)])
    exempt[ops_rep_seats] = True
    exempt[drift_seats] = True

    # initial occupants: a manager is always hired before the people under them
    initial_hire = np.empty(n_seats, dtype="datetime64[D]")
    u = rng.random(n_seats)
    for s in range(n_seats):
        if parent[s] < 0:
            initial_hire[s] = start - 3200
        else:
            lo = initial_hire[parent[s]] + 30
            span = (start - 30 - lo).astype(int)
            initial_hire[s] = lo + int(span * u[s] ** 0.6)
    monthly_rate = np.where(np.array(kind) == "lead", 0.005, 0.013)
    seat_of, hires, terms = [], [], []
    occupants: dict[int, list[int]] = {}
    leave_draws = rng.exponential(1.0, size=(n_seats, 12))
    gap_draws = rng.integers(14, 60, size=(n_seats, 12))
    for s in range(n_seats):
        hire = initial_hire[s]
        occupants[s] = []
        for k in range(12):
            p = len(seat_of)
            occupants[s].append(p)
            seat_of.append(s)
            hires.append(hire)
            t0 = max(hire, start)
            leave = FAR if exempt[s] else t0 + int(leave_draws[s, k] * 30.4 / monthly_rate[s])
            if leave >= end - 1 or k == 11:
                terms.append(FAR)
                break
            terms.append(leave)
            hire = leave + (1 if kind[s] != "member" else int(gap_draws[s, k]))
            if hire >= end:
                break
    seat_arr = np.array(seat_of)
    hire_arr = np.array(hires, dtype="datetime64[D]")
    term_arr = np.array(terms, dtype="datetime64[D]")
    first, last = person_names(plan.rng("names"), len(seat_arr))
    order = np.lexsort((seat_arr, hire_arr))
    emp = np.empty(len(seat_arr), dtype=object)
    emp[order] = [str(1001 + i) for i in range(len(seat_arr))]
    titles = [title[s] for s in seat_arr]

    org = Org(dept, title, func, parent, kind, loc, div, first, last, seat_arr, hire_arr, term_arr,
              emp, titles, occupants=occupants)
    prng = plan.rng("people-noise")
    depts = org.dept()
    org.no_department = np.isin(depts, ["Engineering", "Marketing"]) & (
        np.array([kind[s] for s in seat_arr]) == "member") & (prng.random(org.n) < 0.03)
    hi, lo = prng.integers(0, 2**62, org.n), prng.integers(0, 2**30, org.n)
    org.account_id = np.array([f"5b{a:015x}{b:07x}"[:24] for a, b in zip(hi, lo, strict=True)],
                              dtype=object)
    promo_u, promo_t = prng.random(org.n), prng.random(org.n)
    for p in range(org.n):
        new = PROMOTIONS.get(titles[p])
        lo, hi = max(hire_arr[p] + 180, start), min(term_arr[p], end - 1)
        if new and promo_u[p] < 0.12 and hi > lo:
            org.promotions[p] = (lo + int((hi - lo).astype(int) * promo_t[p]), new)

    org.key = {name: occupants[s][0] for name, s in [
        ("ceo", 0), ("coo", 2), ("vp_sales", heads["Sales"]),
        ("ps_north_head", heads[PS_NORTH]), ("ps_south_head", heads[PS_SOUTH]),
        ("se_head", heads["Solutions Engineering"]), ("presales_drift", drift_seat)]}
    org.ops_reps = np.array([occupants[s][0] for s in ops_rep_seats])
    org.drifters = np.array([occupants[s][0] for s in drift_seats])
    sales_lead = next((s for s in range(n_seats) if dept[s] == "Sales" and kind[s] == "lead"),
                      heads["Sales"])
    if plan.troubled:
        org.parent_changes[heads[PS_NORTH]] = [(plan.month_start(plan.reorg_month), heads["Sales"])]
        for seat in drift_seats:
            org.parent_changes[seat] = [(plan.month_start(plan.drift_month) + 6, sales_lead)]
    return org


def manager_on(org: Org, p: int, day: np.datetime64) -> int:
    """The person p reports to on a day (-1 for the top)."""
    ps = org.parent_at(int(org.seat[p]), day)
    return -1 if ps < 0 else org.occupant_at(ps, day)


def manager_matrix(org: Org, days: np.ndarray) -> np.ndarray:
    """manager[p, i] on days[i] (-1 for the top), for every person."""
    out = np.full((org.n, len(days)), -1, dtype=np.int64)
    for p in range(org.n):
        for i, d in enumerate(days):
            out[p, i] = manager_on(org, p, d)
    return out


def job_history(org: Org, plan: Plan) -> pl.DataFrame:
    """BambooHR job-information history: a row at hire and at every change of title or manager."""
    names = org.name
    rows = []
    for p in range(org.n):
        s = int(org.seat[p])
        hire, term = org.hire[p], org.term[p]
        cand = {hire}
        parents = [org.seat_parent[s]] + [new for _, new in org.parent_changes.get(s, [])]
        cand.update(w for w, _ in org.parent_changes.get(s, []))
        for ps in parents:
            if ps >= 0:
                cand.update(org.hire[q] for q in org.occupants[ps])
        if p in org.promotions:
            cand.add(org.promotions[p][0])
        prev = None
        for d in sorted(c for c in cand if hire <= c <= min(term, plan.end - 1)):
            boss = manager_on(org, p, d)
            t = org.title[p]
            if p in org.promotions and d >= org.promotions[p][0]:
                t = org.promotions[p][1]
            if (boss, t) != prev:
                rows.append((p, d, t, boss))
                prev = (boss, t)
    person = np.array([r[0] for r in rows])
    eff = np.array([r[1] for r in rows], dtype="datetime64[D]")
    boss = np.array([r[3] for r in rows])
    seat = org.seat[person]
    dept = np.array(org.seat_dept, dtype=object)[seat]
    dept = np.where(org.no_department[person], "", dept)
    term = org.term[person]
    status = np.where(np.isin(np.array(org.seat_kind, dtype=object)[seat], ["member"]) &
                      (org.account_id[person] < "5b1"), "Part-Time", "Full-Time")
    df = pl.DataFrame({
        "Employee #": org.emp_id[person].astype(str),
        "First Name": org.first[person].astype(str),
        "Last Name": org.last[person].astype(str),
        "Work Email": org.email[person].astype(str),
        "Effective Date": eff,
        "Job Title": [r[2] for r in rows],
        "Department": dept.astype(str),
        "Division": np.array(org.seat_division, dtype=object)[seat].astype(str),
        "Location": np.array(org.seat_location, dtype=object)[seat].astype(str),
        "Reports To": np.where(boss >= 0, names[np.maximum(boss, 0)], "").astype(str),
        "Hire Date": org.hire[person],
        "Termination Date": np.where(term < FAR, term, np.datetime64("NaT")),
        "Employment Status": status.astype(str),
        "_emp": org.emp_id[person].astype(int),
    })
    fmt = "%m/%d/%Y"
    return (df.sort(["_emp", "Effective Date"]).drop("_emp").with_columns(
        pl.col("Effective Date").dt.strftime(fmt),
        pl.col("Hire Date").dt.strftime(fmt),
        pl.col("Termination Date").dt.strftime(fmt),
    ))
