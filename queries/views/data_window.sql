-- data_window: the first and last day the data covers, the bounds of the date filter
-- grain: one row
-- sources: person_months, tickets, time_entries
-- params: none
with bounds as (
    select min(month) as first_day, last_day(max(month)) as last_day from person_months
    union all
    select min(created_at)::date, max(created_at)::date from tickets
    union all
    select min(date), max(date) from time_entries
),

final as (
    select min(first_day) as first_day, max(last_day) as last_day from bounds
)

select * from final
