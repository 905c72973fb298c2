-- org_tree: units arranged by reporting line on one month, for the org chart
-- grain: one row per unit (department) with people in that month
-- sources: person_months
-- params: $month (first day of a month), $min_group_size (teams under it are not named)
with staff as (
    select *, coalesce(nullif(trim(unit), ''), 'No department') as unit_name
    from person_months
    where month = $month
),

-- a unit's head: its most senior person whose manager sits outside the unit
heads as (
    select
        s.unit_name,
        s.depth,
        s.reports_into_sales,
        m.unit_name as manager_unit,
        row_number() over (partition by s.unit_name order by s.depth nulls last, s.person_id) as seniority
    from staff as s
    left join staff as m on m.person_id = s.manager_id
    where m.unit_name is distinct from s.unit_name
),

unit_heads as (
    select * from heads where seniority = 1
),

unit_stats as (
    select unit_name, count(*)::bigint as headcount, mode(function) as function
    from staff
    group by unit_name
),

final as (
    select
        -- ids carry no names: a team under the privacy minimum is drawn but not named
        md5(u.unit_name) as unit_id,
        -- the parent is the unit of the head's manager, only when it sits higher up,
        -- so broken reporting lines (cycles) cannot make the chart loop
        case when p.depth < h.depth then md5(h.manager_unit) end as parent_id,
        case when u.headcount >= $min_group_size then u.unit_name
             else 'A team of fewer than ' || $min_group_size || ' people' end as unit,
        u.function,
        u.headcount,
        coalesce(u.function = 'ps' and h.reports_into_sales, false) as ps_under_sales
    from unit_stats as u
    left join unit_heads as h on h.unit_name = u.unit_name
    left join unit_heads as p on p.unit_name = h.manager_unit
    order by u.unit_name
)

select * from final
