-- sales_operations_time: hours salespeople log on operations work, per rep per month
-- grain: one row per salesperson per month with hours logged
-- sources: hours_by_person_month
-- params: none
-- Operations work is what the time rules class as operations (order entry, invoicing, billing...).
with final as (
    select
        person_id,
        unit,
        month,
        coalesce(sum(hours) filter (where activity = 'operations'), 0) as operations_hours,
        sum(hours) as hours
    from hours_by_person_month
    where function = 'sales'
    group by person_id, unit, month
    having sum(hours) > 0
)

select * from final
order by month, person_id
