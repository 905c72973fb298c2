-- org_spans: each manager's number of direct reports on one month
-- grain: one row per manager
-- sources: person_months
-- params: $month (first day of a month)
with staff as (
    select * from person_months where month = $month
),

final as (
    select
        m.name as manager,
        coalesce(m.function, 'other') as function,
        m.unit,
        count(*)::bigint as span
    from staff as s
    join staff as m on m.person_id = s.manager_id
    group by all
    order by span desc, manager
)

select * from final
