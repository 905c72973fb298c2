-- project_hours: hours logged on each project by each team, for the project signs
-- grain: one row per project per team (team null for people outside the org chart)
-- sources: hours_by_person_month
-- params: none (built once at the end of an ingest, after hours_by_person_month)
create or replace table project_hours as
with final as (
    select project, unit, sum(hours) as hours, count(distinct person_id) as people
    from hours_by_person_month
    where project is not null
    group by all
)

select * from final
