-- proactive_warnings: early warnings raised by each PS unit, against its headcount
-- grain: one row per PS unit per month (months with no warning included, as zero)
-- sources: ticket_facts, unit_months
-- params: none
-- A warning belongs to the unit its reporter was in when raising it. Only months the ticket
-- data covers count: a month with people but no tickets exported is not a month of silence.
with ticket_window as (
    select min(created_month) as first_month, max(created_month) as last_month
    from ticket_facts
),

headcount as (
    select u.unit, u.month, u.people
    from unit_months as u, ticket_window as w
    where u.function = 'ps' and u.unit is not null
        and u.month between w.first_month and w.last_month
),

raised as (
    select reporter_unit as unit, created_month as month, count(*)::bigint as warnings
    from ticket_facts
    where is_proactive_warning and reporter_function = 'ps'
    group by all
),

final as (
    select h.unit, h.month, coalesce(r.warnings, 0)::bigint as warnings, h.people
    from headcount as h
    left join raised as r using (unit, month)
)

select * from final
order by unit, month
