-- _window: the span of months the data covers, used when no dates are given
-- grain: one row
-- sources: person_months, hours_by_person_month, ticket_facts, deals, projects
-- params: none
with activity_days as (
    select min(month) as first_day, max(last_date) as last_day, 'hours' as source
    from hours_by_person_month
    union all
    select min(created_at)::date, max(created_at)::date, 'tickets' from ticket_facts
    union all
    select min(closed_at), max(closed_at), 'deals' from deals
),

people_days as (
    select min(month) as first_day, max(last_day(month)) as last_day from person_months
),

final as (
    select
        coalesce(min(a.first_day), any_value(p.first_day)) as first_day,
        coalesce(max(a.last_day), any_value(p.last_day)) as last_day
    from people_days as p
    left join activity_days as a on true
)

select * from final
