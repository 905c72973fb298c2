-- teams: the units a viewer can filter by, with their main function and latest headcount
-- grain: one row per unit (department) at or above the privacy minimum in its latest month
-- sources: person_months
-- params: $min_group_size
with staff as (
    select * from person_months where unit is not null and trim(unit) <> ''
),

latest as (
    -- the last month each unit had people in it
    select unit, max(month) as month from staff group by unit
),

final as (
    select
        s.unit,
        mode(s.function) as function,
        count(*)::bigint as headcount
    from staff as s
    join latest as l on l.unit = s.unit and l.month = s.month
    group by s.unit
    having count(*) >= $min_group_size
    order by function, s.unit
)

select * from final
