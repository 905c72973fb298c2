-- flagged_then_blamed: escalations blamed on PS on an account where a PS unit had warned earlier
-- and the warning was put off or closed without being acted on
-- grain: one row per PS unit per month (months with no case included, as zero)
-- sources: ticket_facts, unit_months
-- params: none
-- The case belongs to the unit that raised the earliest such warning, in the month the
-- escalation was opened. The rule is the one the scapegoating sign uses. Only months the
-- ticket data covers count.
with ticket_window as (
    select min(created_month) as first_month, max(created_month) as last_month
    from ticket_facts
),

ps_unit_months as (
    select u.unit, u.month
    from unit_months as u, ticket_window as w
    where u.function = 'ps' and u.unit is not null
        and u.month between w.first_month and w.last_month
),

-- PS warnings that were deferred or closed without the work being done
warnings as (
    select ticket_id, account, created_at, first_deferral_at, resolved_at, is_closed_unresolved,
           reporter_unit as unit
    from ticket_facts
    where is_proactive_warning and reporter_function = 'ps' and account is not null
        and (first_deferral_at is not null or is_closed_unresolved)
),

blamed as (
    select ticket_id, account, created_at, created_month
    from ticket_facts
    where is_escalation and blamed_function = 'ps' and account is not null
),

-- the warning came in the 180 days before the escalation and had been put off by then
cases as (
    select b.ticket_id, b.created_month as month, arg_min(w.unit, w.created_at) as unit
    from blamed as b
    join warnings as w
        on w.account = b.account
        and w.created_at < b.created_at
        and w.created_at >= b.created_at - interval 180 day
        and (w.first_deferral_at < b.created_at
            or (w.is_closed_unresolved and w.resolved_at < b.created_at))
    group by b.ticket_id, b.created_month
),

final as (
    select
        m.unit,
        m.month,
        count(c.ticket_id)::bigint as cases,
        list(c.ticket_id order by c.ticket_id) filter (where c.ticket_id is not null)
            as escalations,
        1 as unit_months
    from ps_unit_months as m
    left join cases as c using (unit, month)
    group by m.unit, m.month
)

select * from final
order by unit, month
