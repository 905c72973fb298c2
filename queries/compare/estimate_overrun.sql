-- estimate_overrun: hours logged on a finished project against its estimate
-- grain: one row per live project with an estimate, on an account a PS unit serves
-- sources: projects, deals, hours_by_person_month
-- params: none
-- Overrun is actual / estimated - 1 (0.5 = half again as many hours as estimated); projects
-- not live yet are left out because their hours are not all in, and so are projects started
-- before the time data begins. The month is the deal's close.
with time_start as (
    -- hours before the time data begins are missing, so a project started earlier looks cheap
    select min(month) as first_month from hours_by_person_month
),

logged as (
    select project, sum(hours) as actual_hours
    from hours_by_person_month
    where project is not null
    group by project
),

final as (
    select
        p.project_id,
        p.name,
        coalesce(p.account, d.account) as account,
        u.unit,
        date_trunc('month', coalesce(d.closed_at, p.started_at))::date as month,
        coalesce(p.estimated_hours, d.estimated_hours) as estimated_hours,
        l.actual_hours,
        l.actual_hours / coalesce(p.estimated_hours, d.estimated_hours) - 1 as overrun,
        1 as projects
    from projects as p
    left join deals as d using (deal_id)
    join logged as l on l.project = p.project_id
    join ps_account_unit() as u on u.account = coalesce(p.account, d.account)
    cross join time_start as s
    where p.go_live_at is not null
        and coalesce(p.started_at, d.closed_at) >= s.first_month
        and coalesce(p.estimated_hours, d.estimated_hours) > 0
        and coalesce(d.closed_at, p.started_at) is not null
)

select * from final
order by unit, month, project_id
