-- reporting_changes: when people got a new manager, or their chain moved into or out of Sales
-- grain: one row per unit per month per kind of change
-- sources: person_months
-- params: $date_from, $date_to (dates; the months whose first day falls between them),
--   $min_group_size (a team under it that month is not named, nor are its people)
with months as (
    select
        *,
        lag(manager_id) over w as previous_manager_id,
        lag(reports_into_sales) over w as previously_into_sales,
        lag(month) over w as previous_month
    from person_months
    window w as (partition by person_id order by month)
),

unit_sizes as (
    select month, coalesce(nullif(trim(unit), ''), 'No department') as unit, count(*) as people
    from person_months
    group by all
),

changes as (
    select
        month,
        coalesce(nullif(trim(unit), ''), 'No department') as unit,
        name,
        case
            when reports_into_sales and not previously_into_sales then 'moved_into_sales'
            when previously_into_sales and not reports_into_sales then 'left_sales'
            else 'new_manager'
        end as kind
    from months
    where previous_month is not null
      and (manager_id is distinct from previous_manager_id
           or reports_into_sales is distinct from previously_into_sales)
      and month between $date_from and $date_to
),

named as (
    select
        c.month,
        case when s.people >= $min_group_size then c.unit
             else 'A team of fewer than ' || $min_group_size || ' people' end as unit,
        c.kind,
        case when s.people >= $min_group_size then c.name end as name
    from changes as c
    join unit_sizes as s on s.month = c.month and s.unit = c.unit
),

final as (
    select
        month,
        unit,
        kind,
        count(*)::bigint as people,
        -- a few names for the hover, the rest counted
        array_to_string(list_slice(list(name order by name) filter (where name is not null), 1, 6),
                            ', ')
            || case when count(*) > 6 then ' and ' || (count(*) - 6) || ' more' else '' end
            as names
    from named
    group by month, unit, kind
    order by month, unit, kind
)

select * from final
