-- _window: the span of months the data covers, used when no dates are given: from when both
--   time entries and tickets exist (an old ticket or a long-ago hire does not stretch it) to
--   the last day hours or tickets were recorded (deals only when there are neither)
-- grain: one row
-- sources: person_months, hours_by_person_month, ticket_facts, deals
-- params: none
with activity_days as (
    select min(month) as first_day, max(last_date) as last_day, 'hours' as source
    from hours_by_person_month
    union all
    select min(created_at)::date, max(created_at)::date, 'tickets' from ticket_facts
    union all
    -- won deals only: an open deal's close date is a forecast, often in the future
    select min(closed_at), max(closed_at), 'deals' from deals where is_won
),

people_days as (
    select min(month) as first_day, max(last_day(month)) as last_day from person_months
),

final as (
    select
        coalesce(max(a.first_day) filter (where a.source in ('hours', 'tickets')),
                 min(a.first_day), any_value(p.first_day)) as first_day,
        coalesce(max(a.last_day) filter (where a.source in ('hours', 'tickets')),
                 max(a.last_day), any_value(p.last_day)) as last_day
    from people_days as p
    left join activity_days as a on true
)

select * from final
