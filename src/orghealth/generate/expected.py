"""What the signals must show on a generated company: the machine-readable form of
sample_data/README.md (the README's yaml block must equal `expectations(Plan(300, 24, s, 7))`
for both scenarios; a test checks it)."""

from __future__ import annotations

from orghealth.generate.org import PS_NORTH
from orghealth.generate.plan import Plan

SIGNALS = ["ps_reports_into_sales", "deferred_initiatives", "scapegoating", "proactive_decline",
           "sales_in_operations", "ops_understaffed", "promises_without_delivery", "underscoping",
           "time_to_live", "presales_drift", "cross_team_collaboration"]


def expectations(plan: Plan) -> list[dict]:
    last = plan.months
    label = plan.month_label
    if not plan.troubled:
        return [dict(signal=s, scenario="healthy", status="green", group="all",
                     from_month=label(1), to_month=label(last)) for s in SIGNALS]
    r = plan.reorg_month
    b1, b2 = plan.backlog_months
    rows = [
        ("ps_reports_into_sales", "red", "all", r, last),
        ("deferred_initiatives", "red", PS_NORTH, r, last),
        ("scapegoating", "red", PS_NORTH, r + 1, last),
        ("proactive_decline", "fires", PS_NORTH, min(r + 3, last), last),
        ("sales_in_operations", "fires", "Sales", b1, b2),
        ("ops_understaffed", "fires", "Operations", b1, b2),
        ("promises_without_delivery", "fires", "all", 1, last),
        ("underscoping", "fires", "all", 1, last),
        ("time_to_live", "fires", "all", 1, last),
        ("presales_drift", "fires", "Solutions Engineering", plan.drift_month, last),
        ("cross_team_collaboration", "fires", "all", 1, last),
    ]
    return [dict(signal=s, scenario="troubled", status=st, group=g, from_month=label(a),
                 to_month=label(b)) for s, st, g, a, b in rows]
