-- sales_in_operations evidence: the salespeople who were pulled in (a fifth or more of their
--   month on operations or delivery work), with the tasks they logged
-- grain: one row per person per month per kind of work
-- sources: time_entries, person_months, hours_by_person_month, unit_months
-- params: $date_from, $date_to, $team, $min_group_size
with sales_hours as (
    select h.*, sum(h.hours) over (partition by h.person_id, h.month) as month_hours
    from window_hours($date_from, $date_to, 'sales', $team) as h
    -- privacy: the sign's own rule, month by month
    semi join shown_team_months($date_from, $date_to, $min_group_size, 'sales') as s
      on s.unit = h.unit and s.month = h.month
),

month_totals as (
    -- only the person-months the sign counts
    select person_id, month, any_value(month_hours) as month_hours
    from sales_hours
    group by all
    having coalesce(sum(hours) filter (where activity in ('operations', 'delivery')), 0)
           >= 0.2 * any_value(month_hours)
),

tasks as (
    -- the tasks as logged, so the reader sees what the work was
    select e.person_id, date_trunc('month', e.date)::date as month, e.activity, e.task,
           sum(e.hours) as hours
    from time_entries as e
    join month_totals as m
      on m.person_id = e.person_id and m.month = date_trunc('month', e.date)::date
    where e.activity in ('operations', 'delivery') and e.hours > 0
    group by all
),

final as (
    select
        t.month as "Month",
        pm.name as "Person",
        pm.unit as "Team",
        t.task as "Task",
        t.activity as "Kind of work",
        round(t.hours, 1) as "Hours",
        round(100.0 * t.hours / m.month_hours, 1) as "Share of their month (%)"
    from tasks as t
    join month_totals as m using (person_id, month)
    join person_months as pm using (person_id, month)
)

-- every column in the order: rows that tie on all of them are the same bytes
select * from final
order by "Month", "Person", "Hours" desc, "Team", "Kind of work", "Task" nulls first,
         "Share of their month (%)"
