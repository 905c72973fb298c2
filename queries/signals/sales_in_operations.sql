-- sales_in_operations: share of salespeople pulled into operations or delivery work: those who
--   logged a fifth or more of their month on it (order entry, invoicing, billing, go-lives...)
-- grain: one row per sales team per month
-- sources: hours_by_person_month, unit_months
-- params: $date_from, $date_to, $team (null = every team), $min_group_size (privacy minimum)
with win as (
    select * from signal_window($date_from, $date_to, $team, $min_group_size)
),

per_person as (
    select
        h.unit as grp, h.month as period, h.person_id,
        sum(h.hours) as hours,
        sum(h.hours) filter (where h.activity in ('operations', 'delivery')) as other_team_hours,
        sum(h.hours) filter (where h.activity = 'admin') as admin_hours
    from window_hours($date_from, $date_to, 'sales', $team) as h
    group by all
),

flagged as (
    select *,
        -- a fifth of a month is about a day a week away from customers
        coalesce(other_team_hours, 0) >= 0.2 * hours as is_pulled
    from per_person
),

recurring as (
    select *,
        -- was this person pulled in an earlier month of the window too?
        coalesce(bool_or(is_pulled) over (partition by person_id order by period
                 rows between unbounded preceding and 1 preceding), false) as pulled_before
    from flagged
),

by_team as (
    select
        grp, period,
        count(*) as reps,
        count(*) filter (where is_pulled) as reps_pulled,
        count(*) filter (where is_pulled and pulled_before) as reps_pulled_again,
        sum(hours) as hours,
        coalesce(sum(other_team_hours), 0) as other_team_hours,
        coalesce(sum(admin_hours), 0) as admin_hours
    from recurring
    group by all
),

final as (
    select
        b.grp,
        b.period,
        round(100.0 * b.reps_pulled / b.reps, 1) as value,
        b.reps::bigint as n,
        b.reps_pulled::bigint as reps_pulled,
        b.reps_pulled_again::bigint as reps_pulled_again,
        round(100.0 * b.other_team_hours / nullif(b.hours, 0), 1) as share_of_sales_hours,
        round(b.other_team_hours / 8, 1) as selling_days_lost,
        round(100.0 * b.admin_hours / nullif(b.hours, 0), 1) as admin_share
    from by_team as b
    -- privacy: a team's month is shown only with enough salespeople in it
    join shown_team_months($date_from, $date_to, $min_group_size, 'sales') as s
      on s.unit = b.grp and s.month = b.period
)

select * from final order by grp, period
