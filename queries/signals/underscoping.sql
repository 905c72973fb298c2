-- underscoping: how far delivery projects ran over their estimate, split by who scoped them:
--   Sales alone, or with someone from delivery or pre-sales
-- grain: one row per way of scoping per month; each month covers the projects that went live
--   in the twelve months up to it
-- sources: projects, project_hours, person_months
-- params: $date_from, $date_to, $team (null = all; else projects that team worked on),
--   $min_group_size (privacy minimum, counted in the people who scoped)
with win as (
    select * from signal_window($date_from, $date_to, $team, $min_group_size)
),

project_totals as (
    select project, sum(hours) as actual_hours from project_hours group by project
),

scoped as (
    select p.project_id, p.started_at, unnest(p.scoped_by) as person_id
    from projects as p
),

latest_function as (
    select person_id, arg_max(function, month) as function
    from person_months
    where person_id in (select person_id from scoped)
    group by person_id
),

scopers as (
    -- each scoper's function when the project started (or their latest known one)
    select s.project_id, s.person_id, coalesce(pm.function, lf.function) as function
    from scoped as s
    left join person_months as pm
      on pm.person_id = s.person_id and pm.month = date_trunc('month', s.started_at)
    left join latest_function as lf on lf.person_id = s.person_id
),

scoping as (
    select project_id,
           case when bool_or(function in ('ps', 'presales')) then 'Scoped with delivery'
                when bool_and(function = 'sales') then 'Scoped by Sales alone'
                else 'Scoped by others' end as grp
    from scopers
    group by project_id
),

live as (
    select p.project_id, s.grp, date_trunc('month', p.go_live_at)::date as live_month,
           p.estimated_hours, coalesce(h.actual_hours, 0) as actual_hours
    from projects as p
    join scoping as s using (project_id)
    left join project_totals as h on h.project = p.project_id
    cross join win
    where p.go_live_at is not null and p.estimated_hours > 0
      -- a project begun before the window has hours logged before it: it would look short
      and p.started_at >= win.first_month
      and (win.team is null or p.project_id in (select project from team_projects($team)))
),

rolling as (
    select m.period, l.grp,
           count(*) as projects,
           sum(l.actual_hours) as actual_hours,
           sum(l.estimated_hours) as estimated_hours,
           count(*) filter (where l.actual_hours > 1.2 * l.estimated_hours) as over_by_a_fifth
    from window_months($date_from, $date_to) as m
    join live as l on l.live_month > m.period - interval 12 month and l.live_month <= m.period
    group by all
),

people as (
    select m.period, l.grp, count(distinct s.person_id) as scopers
    from window_months($date_from, $date_to) as m
    join live as l on l.live_month > m.period - interval 12 month and l.live_month <= m.period
    join scopers as s on s.project_id = l.project_id
    group by all
),

final as (
    select
        r.grp,
        r.period,
        round(100.0 * (r.actual_hours / r.estimated_hours - 1), 1) as value,
        r.projects::bigint as n,
        round(r.actual_hours, 0) as actual_hours,
        round(r.estimated_hours, 0) as estimated_hours,
        r.over_by_a_fifth::bigint as projects_over_by_a_fifth,
        p.scopers::bigint as scopers
    from rolling as r
    join people as p using (period, grp)
    cross join win
    -- privacy: fewer people behind a group than the minimum are not shown
    where p.scopers >= win.min_people
)

select * from final order by grp, period
