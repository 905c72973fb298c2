-- escalation_blame: client escalations on each PS unit's accounts, and whether PS was blamed
-- grain: one row per escalation with a root cause, on an account a PS unit serves
-- sources: ticket_facts, hours_by_person_month, unit_months
-- params: none
-- The unit is the one that serves the account (most PS hours logged on it); the month is when
-- the escalation was opened. PS's share of all headcount that month is carried for comparison.
with headcount_share as (
    select month, sum(people) filter (where function = 'ps') / sum(people) as ps_headcount_share
    from unit_months
    group by month
),

final as (
    select
        t.ticket_id,
        t.summary,
        t.account,
        u.unit,
        t.created_month as month,
        t.blamed_function,
        (t.blamed_function = 'ps')::int as blamed_on_ps,
        1 as escalations,
        coalesce(h.ps_headcount_share, 0) as ps_headcount_share
    from ticket_facts as t
    join ps_account_unit() as u using (account)
    left join headcount_share as h on h.month = t.created_month
    -- as in the scapegoating sign, the share is of the escalations someone was blamed for
    where t.is_escalation and t.blamed_function is not null and t.created_month is not null
)

select * from final
order by unit, month, ticket_id
