-- hours_by_person_month: logged hours summed per person, month, activity, account and project,
--   with the person's team, function and reporting line that month (from person_months)
-- grain: one row per person per month per activity per account per project
-- sources: time_entries, person_months
-- params: none (built once at the end of an ingest; signals read this instead of raw entries)
create or replace table hours_by_person_month as
with entries as (
    select
        person_id,
        date_trunc('month', date)::date as month,
        coalesce(activity, 'other') as activity,
        account,
        project,
        date,
        hours
    from time_entries
    -- zero and negative rows carry no work; they are counted by the data checks, not here
    where hours > 0
),

summed as (
    select person_id, month, activity, account, project,
           sum(hours) as hours,
           count(*)::bigint as entries,
           max(date) as last_date        -- tells whether the data's last month is complete
    from entries
    group by all
),

final as (
    select
        s.*,
        pm.name,
        pm.unit,
        pm.function,
        pm.reports_into_sales
    from summed as s
    -- people not in the org chart keep their hours, with no team or function
    left join person_months as pm using (person_id, month)
)

select * from final
