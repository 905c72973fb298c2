-- flagged_then_blamed: escalations blamed on PS on an account where a PS unit had warned earlier
-- and the warning was put off or closed without being acted on
-- grain: one row per PS unit per month (months with no case included, as zero)
-- sources: ticket_facts, unit_months
-- params: none
-- The case belongs to the unit that raised the earliest such warning, in the month the
-- escalation was opened. The rule is the scapegoating sign's (warned_then_blamed, in
-- queries/rollups/90_shared_rules.sql), except that only dated deferrals count here: a sprint
-- carry-over has no date. Only months the ticket data covers count.
with cases as (
    select escalation_id as ticket_id, escalation_month as month,
           arg_min(reporter_unit, created_at) as unit
    from warned_then_blamed(false)
    group by escalation_id, escalation_month
),

final as (
    select
        m.unit,
        m.month,
        count(c.ticket_id)::bigint as cases,
        list(c.ticket_id order by c.ticket_id) filter (where c.ticket_id is not null)
            as escalations,
        1 as unit_months
    from ps_unit_months_with_tickets() as m
    left join cases as c using (unit, month)
    group by m.unit, m.month
)

select * from final
order by unit, month
