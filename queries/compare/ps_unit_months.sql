-- ps_unit_months: each Professional Services unit's headcount and reporting line, month by month
-- grain: one row per PS unit (department) per month
-- sources: person_months
-- params: none
-- A unit counts as reporting into Sales in a month when most of its people's management chains
-- reach a Sales leader before an executive; its first such month is the date it moved.
with unit_months as (
    select
        unit,
        month,
        count(distinct person_id)::bigint as headcount,
        count(distinct person_id) filter (where reports_into_sales)::bigint as under_sales,
        -- the manager most of the unit reports to that month: a new one at a move is a rival cause
        mode(manager_id) as lead_manager_id
    from person_months
    where function = 'ps' and unit is not null
    group by unit, month
),

final as (
    select
        unit,
        month,
        headcount,
        under_sales,
        lead_manager_id,
        under_sales * 2 > headcount as is_under_sales,
        min(month) filter (where under_sales * 2 > headcount) over (partition by unit) as moved_at
    from unit_months
)

select * from final
order by unit, month
