-- presales_drift: share of pre-sales people whose reporting line moved into Sales during the
--   window and whose delivery and scoping work then fell to under half of what it was
-- grain: one row per month for pre-sales (or the one team asked for)
-- sources: person_months, hours_by_person_month
-- params: $date_from, $date_to, $team (null = all pre-sales; else the team they moved from),
--   $min_group_size (privacy minimum)
with win as (
    select * from signal_window($date_from, $date_to, $team, $min_group_size)
),

independent as (
    -- when each pre-sales person was first seen outside Sales, and in which team
    select * from presales_independent($date_from, $date_to)
),

moves as (
    select * from presales_moves($date_from, $date_to)
),

shares as (
    -- each person's monthly share of hours on delivery and scoping, over three months
    select person_id, month,
           coalesce(sum(sum(hours) filter (where activity in ('delivery', 'scoping')))
               over w, 0) / sum(sum(hours)) over w as delivery_share
    from hours_by_person_month
    where person_id in (select person_id from independent)
    group by person_id, month
    window w as (partition by person_id order by month
                 range between interval 2 month preceding and current row)
),

before_move as (
    select mv.person_id, s.delivery_share as share_before
    from moves as mv
    join shares as s on s.person_id = mv.person_id
                    and s.month = mv.moved_in - interval 1 month
),

group_months as (
    -- the pre-sales group each month: pre-sales people, plus those who moved out of it
    select m.month as period, m.person_id, m.moved_in,
           m.moved_in <= m.month as has_moved,
           m.moved_in < m.month and s.delivery_share < 0.5 * b.share_before as has_drifted
    from presales_group($date_from, $date_to, $team) as m
    left join before_move as b using (person_id)
    left join shares as s on s.person_id = m.person_id and s.month = m.month
),

final as (
    select
        coalesce(any_value(win.team), 'Pre-sales') as grp,
        period,
        round(100.0 * count(*) filter (where has_drifted) / count(*), 1) as value,
        count(*)::bigint as n,
        count(*) filter (where has_moved)::bigint as moved_into_sales,
        count(*) filter (where has_drifted)::bigint as drifted
    from group_months, win
    group by period
    -- privacy: a group smaller than the minimum is not shown
    having count(*) >= any_value(win.min_people)
)

select * from final order by period
