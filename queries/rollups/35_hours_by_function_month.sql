-- hours_by_function_month: logged hours per function, team, month and kind of work; the small
--   table the input checks and overview charts read
-- grain: one row per function per team per month per activity
-- sources: hours_by_person_month
-- params: none (built once at the end of an ingest, after hours_by_person_month)
create or replace table hours_by_function_month as
with final as (
    select function, unit, month, activity,
           sum(hours) as hours,
           coalesce(sum(hours) filter (where project is not null), 0) as project_hours,
           count(distinct person_id) as people
    from hours_by_person_month
    group by all
)

select * from final
