-- time_activities: what the rules made of the hours logged, by kind of work and function
-- grain: one row per activity per function
-- sources: time_entries, people
-- params: none
with current_function as (
    select person_id, any_value(function) as function
    from people
    where valid_to is null
    group by person_id
),

final as (
    select
        coalesce(t.activity, 'other') as activity,
        coalesce(f.function, 'unknown') as function,
        count(*)::bigint as entries,
        round(sum(t.hours), 1) as hours
    from time_entries as t
    left join current_function as f using (person_id)
    group by all
    order by activity, hours desc
)

select * from final
