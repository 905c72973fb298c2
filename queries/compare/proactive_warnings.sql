-- proactive_warnings: early warnings raised by each PS unit, against its headcount
-- grain: one row per PS unit per month (months with no warning included, as zero)
-- sources: ticket_facts, unit_months
-- params: none
-- A warning belongs to the unit its reporter was in when raising it. Only months the ticket
-- data covers count: a month with people but no tickets exported is not a month of silence.
with raised as (
    select reporter_unit as unit, created_month as month, count(*)::bigint as warnings
    from ticket_facts
    where is_proactive_warning and reporter_function = 'ps'
    group by all
),

final as (
    select h.unit, h.month, coalesce(r.warnings, 0)::bigint as warnings, h.people
    from ps_unit_months_with_tickets() as h
    left join raised as r using (unit, month)
)

select * from final
order by unit, month
