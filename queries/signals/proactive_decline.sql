-- proactive_decline: change in how often a professional services team raises early warnings
--   (risks, concerns, heads-ups), per person: the latest three months against the first six
--   months of the window. A steep fall means people have stopped speaking up.
-- grain: one row per professional services team per month, from the ninth month of the window
-- sources: ticket_facts, person_months
-- params: $date_from, $date_to, $team (null = every team), $min_group_size (privacy minimum)
with win as (
    select * from signal_window($date_from, $date_to, $team, $min_group_size)
),

heads as (
    select pm.unit as grp, pm.month as period, count(distinct pm.person_id) as people
    from window_person_months($date_from, $date_to, 'ps', $team) as pm
    group by all
),

raised as (
    select reporter_unit as grp, created_month as period, count(*) as warnings
    from ticket_facts
    where is_proactive_warning and reporter_function = 'ps'
    group by all
),

monthly as (
    select h.grp, h.period, h.people, coalesce(r.warnings, 0) as warnings
    from heads as h
    left join raised as r using (grp, period)
),

baseline as (
    -- the team's own rate over the first six months of the window
    select m.grp,
           sum(m.warnings) as base_warnings,
           sum(m.warnings) / nullif(sum(m.people), 0) as base_rate
    from monthly as m, win
    where m.period < win.first_month + interval 6 month
    group by m.grp
),

recent as (
    select grp, period, people,
           sum(warnings) over w as recent_warnings,
           sum(warnings) over w / nullif(sum(people) over w, 0) as recent_rate
    from monthly
    window w as (partition by grp order by period
                 range between interval 2 month preceding and current row)
),

final as (
    select
        r.grp,
        r.period,
        round(100.0 * (r.recent_rate / nullif(b.base_rate, 0) - 1), 1) as value,
        (b.base_warnings + r.recent_warnings)::bigint as n,
        round(r.recent_rate, 2) as warnings_per_person_month,
        round(b.base_rate, 2) as baseline_per_person_month,
        r.recent_warnings::bigint as recent_warnings,
        b.base_warnings::bigint as baseline_warnings,
        r.people::bigint as people
    from recent as r
    join baseline as b using (grp)
    -- privacy: a team's month is shown only with enough professional services people in it
    join shown_team_months($date_from, $date_to, $min_group_size, 'ps') as s
      on s.unit = r.grp and s.month = r.period
    cross join win
    -- compare only once three months after the baseline exist
    where r.period >= win.first_month + interval 8 month
)

select * from final order by grp, period
