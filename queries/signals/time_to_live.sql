-- time_to_live: share of customer projects that went live more than 30 days after the date
--   promised at closing, or have stalled (no go-live 180 days after the deal closed)
-- grain: one row per month; each month covers the projects that went live in the twelve
--   months up to it, plus those stalled at its end
-- sources: projects, deals, project_hours, person_months
-- params: $date_from, $date_to, $team (null = all; else projects that team worked on),
--   $min_group_size (privacy minimum, counted in deal owners)
with win as (
    select * from signal_window($date_from, $date_to, $team, $min_group_size)
),

promised as (
    select p.project_id, d.owner_id, d.closed_at, d.promised_go_live, p.go_live_at,
           date_trunc('month', p.go_live_at)::date as live_month
    from projects as p
    join deals as d using (deal_id)
    cross join win
    where d.closed_at is not null and d.promised_go_live is not null
      and d.closed_at >= win.first_month
      and (win.team is null or p.project_id in (select project from team_projects($team)))
),

states as (
    -- each project counted in a month if it went live in the twelve months up to it, or if it
    -- had stalled by the month's end
    select m.period, p.*,
           p.live_month is not null and p.live_month <= m.period
               and p.live_month > m.period - interval 12 month as is_live,
           (p.go_live_at is null or p.go_live_at > last_day(m.period))
               and p.closed_at <= last_day(m.period) - interval 180 day as is_stalled
    from window_months($date_from, $date_to) as m
    join promised as p on p.closed_at <= last_day(m.period)
),

rolling as (
    select
        period,
        count(*) filter (where is_live) as live,
        count(*) filter (where is_live and date_diff('day', promised_go_live, go_live_at) > 30)
            as live_late,
        count(*) filter (where is_stalled) as stalled,
        median(date_diff('day', closed_at, go_live_at)) filter (where is_live) as days_to_live,
        median(date_diff('day', promised_go_live, go_live_at)) filter (where is_live)
            as days_past_promise,
        count(distinct owner_id) filter (where is_live or is_stalled) as owners
    from states
    where is_live or is_stalled
    group by period
),

final as (
    select
        coalesce(win.team, 'All projects') as grp,
        period,
        round(100.0 * (live_late + stalled) / (live + stalled), 1) as value,
        (live + stalled)::bigint as n,
        live::bigint as live_projects,
        live_late::bigint as live_late,
        stalled::bigint as stalled,
        days_to_live::integer as median_days_to_live,
        days_past_promise::integer as median_days_past_promise
    from rolling, win
    -- privacy: fewer deal owners behind it than the minimum are not shown
    where owners >= win.min_people
)

select * from final order by period
