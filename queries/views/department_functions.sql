-- department_functions: which function the rules gave each department, and to how many people
-- grain: one row per department and function (current reporting lines only)
-- sources: people
-- params: none
with current_lines as (
    select * from people where valid_to is null
),

final as (
    select
        coalesce(nullif(trim(department), ''), '(no department)') as department,
        coalesce(function, '(none)') as function,
        count(distinct person_id)::bigint as people,
        string_agg(distinct title, ', ' order by title) as titles
    from current_lines
    group by all
    order by department, function
)

select * from final
