-- hours_by_person_week: logged hours per person per working week (Monday start), with the
--   month the week belongs to (the month of its Thursday, as ISO weeks do) and the person's
--   team and function then. Weekly timesheet lines and daily entries give the same weeks.
-- grain: one row per person per week
-- sources: time_entries, person_months
-- params: none (built once at the end of an ingest)
create or replace table hours_by_person_week as
with weeks as (
    select person_id, date_trunc('week', date)::date as week, sum(hours) as hours
    from time_entries
    where hours > 0
    group by all
),

final as (
    select
        w.person_id,
        w.week,
        date_trunc('month', w.week + 3)::date as month,
        w.hours,
        pm.unit,
        pm.function
    from weeks as w
    left join person_months as pm
      on pm.person_id = w.person_id and pm.month = date_trunc('month', w.week + 3)
)

select * from final
