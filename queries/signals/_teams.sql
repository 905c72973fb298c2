-- _teams: every team (unit) in the org chart, for checking a --team the user typed
-- grain: one row per team
-- sources: unit_months
-- params: none
with final as (
    select distinct unit as team from unit_months where unit is not null
)

select * from final order by team
