-- ps_people_months: who was in each PS unit each month (to count the people behind a group)
-- grain: one row per PS person per month
-- sources: person_months
-- params: none
with final as (
    select distinct unit, month, person_id
    from person_months
    where function = 'ps' and unit is not null
)

select * from final
order by unit, month, person_id
