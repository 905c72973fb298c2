-- data_window: the span of dates the loaded data covers
-- grain: one row (data_start, data_end)
-- sources: tickets, ticket_events, time_entries, deals, people (when nothing else has dates)
-- params: none
with activity as (
    select min(created_at)::date as d0, max(created_at)::date as d1 from tickets
    union all select min("at")::date, max("at")::date from ticket_events
    union all select min(date), max(date) from time_entries
    -- open deals carry an expected close date in the future: only closed deals count
    union all select min(closed_at), max(closed_at) from deals
    where is_won or lower(stage) like '%closed%' or lower(stage) like '%lost%'
),

hr as (
    -- dates before 1971 mean "start unknown" and do not stretch the window
    select min(valid_from) filter (where valid_from > date '1971-01-01') as d0,
           max(greatest(valid_from, coalesce(valid_to - 1, valid_from))) as d1
    from people
),

final as (
    -- a row dated after today (a typo such as 2099, or a planned entry) is loaded and warned
    -- about at ingest, but must not stretch the months every page shows
    select least(coalesce(min(a.d0), any_value(hr.d0)), current_date) as data_start,
           least(coalesce(max(a.d1), any_value(hr.d1)), current_date) as data_end
    from activity a cross join hr
)

select * from final
