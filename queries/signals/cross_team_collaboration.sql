-- cross_team_collaboration (a healthy sign): share of delivery people who joined selling or
--   scoping work (sales calls, bids, estimates) in the last three months. Low means deals are
--   shaped without the people who will deliver them.
-- grain: one row per professional services team per month, covering the three months up to it
-- sources: hours_by_person_month, person_months
-- params: $date_from, $date_to, $team (null = every team), $min_group_size (privacy minimum)
with win as (
    select * from signal_window($date_from, $date_to, $team, $min_group_size)
),

per_person as (
    select h.unit as grp, h.month as period, h.person_id,
           sum(h.hours) as hours,
           coalesce(sum(h.hours) filter (where h.activity in ('selling', 'scoping')), 0)
               as joint_hours
    from window_hours($date_from, $date_to, 'ps', $team) as h
    group by all
),

months as (
    select distinct grp, period from per_person
),

rolling as (
    -- everyone in the team who logged time in the three months up to each month
    select m.grp, m.period, p.person_id,
           sum(p.hours) as hours, sum(p.joint_hours) as joint_hours
    from months as m
    join per_person as p on p.grp = m.grp and p.period > m.period - interval 3 month
                        and p.period <= m.period
    group by all
),

final as (
    select
        grp,
        period,
        round(100.0 * count(*) filter (where joint_hours > 0) / count(*), 1) as value,
        count(*)::bigint as n,
        count(*) filter (where joint_hours > 0)::bigint as people_joining,
        round(100.0 * sum(joint_hours) / nullif(sum(hours), 0), 1) as share_of_hours
    from rolling
    -- privacy: a team's month is shown only with enough professional services people in it,
    -- and only when enough of them logged time in the three months
    semi join shown_team_months($date_from, $date_to, $min_group_size, 'ps') as s
      on s.unit = rolling.grp and s.month = rolling.period
    cross join win
    group by grp, period
    having count(*) >= any_value(win.min_people)
)

select * from final order by grp, period
