-- ops_understaffed: hours logged per operations person per working week in each month, with the operations ticket backlog and its age beside it. Long weeks and a growing backlog mean operations needs
--   people of its own, not salespeople on loan.
-- grain: one row per month for operations (or the one team asked for)
-- sources: hours_by_person_week, ticket_facts, person_months
-- params: $date_from, $date_to, $team (null = all operations), $min_group_size (privacy minimum)
with win as (
    select * from signal_window($date_from, $date_to, $team, $min_group_size)
),

heads as (
    select pm.month as period, count(distinct pm.person_id) as people
    from window_person_months($date_from, $date_to, 'ops', $team) as pm
    group by all
),

hours as (
    -- person-weeks with time logged, so weeks of leave do not count as short weeks
    select h.month as period, sum(h.hours) as hours, count(*) as person_weeks,
           count(distinct h.person_id) as people_logging
    from window_weeks($date_from, $date_to, 'ops', $team) as h
    group by all
),

ops_tickets as (
    select created_at, resolved_at, created_month, resolved_month
    from ticket_facts, win
    where owner_function = 'ops' and created_at is not null
      and (win.team is null or owner_unit = win.team)
),

flows as (
    -- tickets in and out each month, with their creation times summed so the mean age of the
    -- open ones at a month's end follows from running totals
    select month, sum(opened) as opened, sum(closed) as closed, sum(epoch_in) as epoch_in,
           sum(epoch_out) as epoch_out
    from (
        select created_month as month, 1 as opened, 0 as closed,
               epoch(created_at) as epoch_in, 0 as epoch_out
        from ops_tickets
        union all
        select resolved_month, 0, 1, 0, epoch(created_at)
        from ops_tickets where resolved_at is not null
    )
    group by month
),

backlog as (
    select
        month as period, opened, closed,
        sum(opened - closed) over w as open_at_end,
        sum(epoch_in - epoch_out) over w as open_epoch_sum
    from flows
    window w as (order by month rows between unbounded preceding and current row)
),

load as (
    select h.period, h.people, hr.people_logging,
           hr.hours / hr.person_weeks as weekly_hours
    from heads as h
    left join hours as hr using (period)
),

final as (
    select
        coalesce(win.team, 'Operations') as grp,
        h.period,
        round(h.weekly_hours, 1) as value,
        h.people_logging::bigint as n,
        h.people::bigint as people,
        coalesce(b.opened, 0)::bigint as tickets_opened,
        coalesce(b.closed, 0)::bigint as tickets_closed,
        b.open_at_end::bigint as open_tickets,
        round((epoch(last_day(h.period) + interval 1 day)
               - b.open_epoch_sum / nullif(b.open_at_end, 0)) / 86400, 0) as mean_open_age_days,
        round(100.0 * (b.open_at_end / nullif(lag(b.open_at_end, 3) over (order by h.period), 0)
                       - 1), 1) as backlog_growth_3m
    from load as h
    cross join win
    asof left join backlog as b on b.period <= h.period
    -- privacy: a month of operations (or of the team) under the minimum is not shown
    where h.period in (select month from shown_function_months($date_from, $date_to,
                                                               $min_group_size, 'ops', $team))
)

select * from final order by period
