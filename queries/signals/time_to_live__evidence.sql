-- time_to_live evidence: every project of a deal closed in the window, with its promised and
--   actual go-live, latest or stalled first
-- grain: one row per project
-- sources: projects, deals, project_hours
-- params: $date_from, $date_to, $team
with win as (
    select first_month, last_day(last_month) as last_day, team
    from signal_window($date_from, $date_to, $team)
),

final as (
    select
        p.project_id as "Project",
        p.name as "Name",
        p.account as "Account",
        d.closed_at as "Deal closed",
        d.promised_go_live as "Promised go-live",
        p.go_live_at as "Went live",
        date_diff('day', d.promised_go_live, coalesce(p.go_live_at, win.last_day))
            as "Days past promise",
        case when p.go_live_at is null
                  and d.closed_at <= win.last_day - interval 180 day then 'stalled'
             when p.go_live_at is null then 'not live yet'
             else 'live' end as "State"
    from projects as p
    join deals as d using (deal_id)
    cross join win
    where d.closed_at between win.first_month and win.last_day
      and (win.team is null or p.project_id in (select project from team_projects($team)))
)

select * from final order by "Days past promise" desc nulls last, "Project"
