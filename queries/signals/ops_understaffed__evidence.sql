-- ops_understaffed evidence: each operations person's hours per working week, month by month,
--   longest weeks first, with the operations tickets still open at that month's end
-- grain: one row per operations person per month
-- sources: hours_by_person_week, ticket_facts, person_months, unit_months
-- params: $date_from, $date_to, $team, $min_group_size
with win as (
    select * from signal_window($date_from, $date_to, $team, $min_group_size)
),

ops_size as (
    -- privacy: nothing is listed for an operations group below the minimum
    select max(people) as people
    from (select month, sum(people) as people from unit_months, win
          where function = 'ops' and month between first_month and last_month
            and (win.team is null or unit = win.team)
          group by month)
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
        pm.unit as "Team",
        round(w.hours, 1) as "Hours",
        w.weeks as "Weeks with time logged",
        round(w.hours / w.weeks, 1) as "Hours per week",
        coalesce(o.open_tickets, 0) as "Operations tickets open at month end"
    from weeks as w
    join person_months as pm using (person_id, month)
    left join open_at_end as o using (month)
    cross join win
    where (select people from ops_size) >= win.min_people
)

select * from final order by "Hours per week" desc, "Month", "Person"
