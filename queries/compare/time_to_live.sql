-- time_to_live: days from a won deal's close to the customer going live, per project
-- grain: one row per delivery project on an account a PS unit serves
-- sources: projects, deals, hours_by_person_month, person_months
-- params: none
-- The month is the deal's close. Only projects closed at least 180 days before the data ends
-- are kept, so late months are not made to look fast by keeping only their quick go-lives;
-- a kept project that is still not live counts as stalled, with the days so far.
with data_end as (
    select max(month) + interval 1 month - interval 1 day as last_day from person_months
),

projects_closed as (
    select
        p.project_id,
        p.name,
        coalesce(p.account, d.account) as account,
        coalesce(d.closed_at, p.started_at) as closed_at,
        p.go_live_at
    from projects as p
    left join deals as d using (deal_id)
),

final as (
    select
        p.project_id,
        p.name,
        p.account,
        u.unit,
        date_trunc('month', p.closed_at)::date as month,
        p.closed_at,
        p.go_live_at,
        p.go_live_at is null as is_stalled,
        date_diff('day', p.closed_at, coalesce(p.go_live_at, e.last_day::date)) as days_to_live,
        1 as projects
    from projects_closed as p
    cross join data_end as e
    join ps_account_unit() as u using (account)
    where p.closed_at is not null
        and p.closed_at <= e.last_day::date - interval 180 day
)

select * from final
order by unit, month, project_id
