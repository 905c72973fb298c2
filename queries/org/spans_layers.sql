-- spans_layers: span of control and layers per manager on a given date, with their unit's totals
-- grain: one row per manager (a person with at least one direct report)
-- sources: people, through the lines_on and chain_on macros (org/chain_walk)
-- params: $as_of (date)
with
lines as materialized (select * from lines_on($as_of::date)),

chain as materialized (select * from chain_on($as_of::date)),

depths as (
    select l.person_id, l.department, coalesce(max(c.level), 0) as layer
    from lines l left join chain c using (person_id)
    group by l.person_id, l.department
),

direct as (
    select manager_id, count(*) as direct_reports
    from lines where manager_id <> person_id
    group by manager_id
),

everyone_below as (
    select manager_id, count(distinct person_id) as total_reports
    from chain group by manager_id
),

units as (
    -- layers in a unit: from its most senior person to its most junior, counted inclusive
    select department as unit, count(*) as unit_headcount,
           max(layer) - min(layer) + 1 as unit_layers
    from depths group by department
),

final as (
    select
        m.person_id as manager_id, m.name, m.department as unit, m.function,
        d.layer,
        dr.direct_reports,
        coalesce(b.total_reports, dr.direct_reports) as total_reports,
        u.unit_headcount, u.unit_layers,
        median(dr.direct_reports) over (partition by m.department) as unit_median_span
    from lines m
    join direct dr on dr.manager_id = m.person_id
    join depths d on d.person_id = m.person_id
    left join everyone_below b on b.manager_id = m.person_id
    left join units u on u.unit is not distinct from m.department
)

select * from final order by layer, manager_id
