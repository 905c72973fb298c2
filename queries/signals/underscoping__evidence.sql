-- underscoping evidence: every project that went live in the window, its estimate, the hours
--   actually logged on it, and who scoped it
-- grain: one row per project
-- sources: projects, project_hours, person_months
-- params: $date_from, $date_to, $team, $min_group_size
with win as (
    select * from signal_window($date_from, $date_to, $team)
),

project_totals as (
    select project, sum(hours) as actual_hours from project_hours group by project
),

scopers as (
    select project_id, any_value(way) as way,
           string_agg(coalesce(name, person_id) || ' (' || coalesce(function_then, '?') || ')',
                      ', ' order by pos) as scoped_by
    from project_scopers()
    group by project_id
),

final as (
    select
        p.project_id as "Project",
        p.name as "Name",
        p.account as "Account",
        s.scoped_by as "Scoped by",
        p.started_at as "Started",
        p.go_live_at as "Went live",
        p.estimated_hours as "Estimated hours",
        round(coalesce(h.actual_hours, 0), 0) as "Hours logged",
        round(100.0 * (coalesce(h.actual_hours, 0) / p.estimated_hours - 1), 0) as "Over estimate (%)"
    from projects as p
    left join project_totals as h on h.project = p.project_id
    left join scopers as s using (project_id)
    cross join win
    where p.go_live_at is not null and p.estimated_hours > 0
      and date_trunc('month', p.go_live_at) between win.first_month and win.last_month
      and (win.team is null or p.project_id in (select project from team_projects($team)))
      -- privacy: nothing behind a number the sign hides (a way of scoping with too few people
      -- behind it that month); a project begun before the window is in no number of the sign
      and (p.started_at < win.first_month
           or (s.way, date_trunc('month', p.go_live_at)::date) in (
               select (way, period) from scoping_group_months($date_from, $date_to, $team)
               where scopers >= $min_group_size))
)

select * from final order by "Over estimate (%)" desc, "Project"
