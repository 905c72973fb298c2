-- unit_months: headcount per team and per function each month, for privacy minimums and rates
-- grain: one row per month per team per function
-- sources: person_months
-- params: none (built once at the end of an ingest)
create or replace table unit_months as
with final as (
    select month, unit, function, count(distinct person_id)::bigint as people
    from person_months
    group by all
)

select * from final
