-- ops_understaffed evidence: each operations person's hours per working week, month by month,
--   longest weeks first, with the operations tickets still open at that month's end
-- grain: one row per operations person per month
-- sources: hours_by_person_week, ticket_facts, person_months, unit_months (shown_team_months)
-- params: $date_from, $date_to, $team, $min_group_size
with win as (
    select * from signal_window($date_from, $date_to, $team, $min_group_size)
),

weeks as (
    select h.person_id, h.month, sum(h.hours) as hours, count(*) as weeks
    from window_weeks($date_from, $date_to, 'ops', $team) as h
    group by all
),

open_at_end as (
    -- operations tickets open on each month's last day
    select m.month, count(*) as open_tickets
    from (select distinct month from weeks) as m
    join ticket_facts as t
      on t.owner_function = 'ops'
     and t.created_at::date <= last_day(m.month)
     and (t.resolved_at is null or t.resolved_at::date > last_day(m.month))
    cross join win
    where win.team is null or t.owner_unit = win.team
    group by m.month
),

final as (
    select
        w.month as "Month",
        pm.name as "Person",
        -- privacy: a team is named only in its months at the minimum
        case when s.unit is not null then pm.unit
             else 'A team of fewer than ' || $min_group_size || ' people' end as "Team",
        round(w.hours, 1) as "Hours",
        w.weeks as "Weeks with time logged",
        round(w.hours / w.weeks, 1) as "Hours per week",
        coalesce(o.open_tickets, 0) as "Operations tickets open at month end"
    from weeks as w
    join person_months as pm using (person_id, month)
    -- privacy: as the sign, a month of operations (or of the team) under the minimum lists
    -- nobody
    semi join shown_function_months($date_from, $date_to, $min_group_size, 'ops', $team) as g
      on g.month = w.month
    left join shown_team_months($date_from, $date_to, $min_group_size, 'ops') as s
      on s.unit = pm.unit and s.month = w.month
    left join open_at_end as o using (month)
)

-- every column in the order: rows that tie on all of them are the same bytes
select * from final
order by "Hours per week" desc, "Month", "Person", "Team", "Hours", "Weeks with time logged"
