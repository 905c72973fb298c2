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

live as (
    select l.project_id, l.way as grp, l.live_month, l.estimated_hours,
           coalesce(h.actual_hours, 0) as actual_hours
    from scoped_live_projects($date_from, $date_to, $team) as l
    left join project_totals as h on h.project = l.project_id
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
    select period, way as grp, scopers from scoping_group_months($date_from, $date_to, $team)
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
