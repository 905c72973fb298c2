-- underscoping evidence: every project that went live in the window, its estimate, the hours
--   actually logged on it, and who scoped it
-- grain: one row per project
-- sources: projects, project_hours, person_months
-- params: $date_from, $date_to, $team
with win as (
    select * from signal_window($date_from, $date_to, $team)
),

project_totals as (
    select project, sum(hours) as actual_hours from project_hours group by project
),

scoped as (
    -- each scoper with their place in the project's list, so "Scoped by" keeps that order
    select project_id, started_at, unnest(scoped_by) as person_id,
           generate_subscripts(scoped_by, 1) as pos
    from projects
),

scopers as (
    select s.project_id,
           string_agg(coalesce(pm.name, s.person_id) || ' (' || coalesce(pm.function, '?') || ')',
                      ', ' order by s.pos) as scoped_by
    from scoped as s
    left join person_months as pm
      on pm.person_id = s.person_id and pm.month = date_trunc('month', s.started_at)
    group by s.project_id
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
)

select * from final order by "Over estimate (%)" desc, "Project"
