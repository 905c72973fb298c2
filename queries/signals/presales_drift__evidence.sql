-- presales_drift evidence: pre-sales people whose reporting line moved into Sales in the
--   window, with their share of delivery and scoping work before and after
-- grain: one row per person per month from three months before the move
-- sources: person_months, hours_by_person_month, unit_months (the privacy rules)
-- params: $date_from, $date_to, $team, $min_group_size
with shown_months as (
    -- privacy: as the sign, the months whose pre-sales group reached the minimum
    select g.month
    from presales_group($date_from, $date_to, $team) as g,
         signal_window($date_from, $date_to, $team, $min_group_size) as w
    group by g.month
    having count(*) >= any_value(w.min_people)
),

moves as (
    -- those who moved in a month the sign shows
    select mv.*
    from presales_moves($date_from, $date_to) as mv, signal_window($date_from, $date_to, $team) as w
    where (w.team is null or mv.home_unit = w.team)
      and mv.moved_in in (select month from shown_months)
),

monthly as (
    select h.person_id, h.month,
           sum(h.hours) as hours,
           coalesce(sum(h.hours) filter (where h.activity in ('delivery', 'scoping')), 0)
               as delivery_hours,
           coalesce(sum(h.hours) filter (where h.activity = 'selling'), 0) as selling_hours
    from hours_by_person_month as h
    join moves as mv on mv.person_id = h.person_id
                    and h.month >= mv.moved_in - interval 3 month
    group by all
),

final as (
    select
        pm.name as "Person",
        -- privacy: a team is named only in its months at the minimum (judged in the month
        -- before the move, the last in the team it left)
        case when mv.home_unit is null or s.unit is not null then mv.home_unit
             else 'A team of fewer than ' || $min_group_size || ' people' end as "Team before",
        mv.moved_in as "Moved under Sales",
        m.month as "Month",
        pm.title as "Job title",
        round(m.hours, 0) as "Hours",
        round(100.0 * m.delivery_hours / m.hours, 0) as "Delivery and scoping (%)",
        round(100.0 * m.selling_hours / m.hours, 0) as "Selling (%)"
    from monthly as m
    join moves as mv using (person_id)
    left join person_months as pm using (person_id, month)
    left join shown_team_months($date_from, $date_to, $min_group_size, 'presales') as s
      on s.unit = mv.home_unit and s.month = (mv.moved_in - interval 1 month)::date
)

-- every column in the order: rows that tie on all of them are the same bytes
select * from final
order by "Person", "Month", "Team before", "Moved under Sales", "Job title", "Hours",
         "Delivery and scoping (%)", "Selling (%)"
