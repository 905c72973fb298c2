-- department_functions: which function the rules gave each department, and to how many people
-- grain: one row per department and function (current reporting lines only); departments
--   smaller than the privacy minimum are folded into one unnamed row per function
-- sources: people
-- params: $min_group_size
with current_lines as (
    select * from people where valid_to is null
),

per_department as (
    select
        coalesce(nullif(trim(department), ''), '(no department)') as department,
        coalesce(function, '(none)') as function,
        person_id,
        title
    from current_lines
),

sizes as (
    select department, count(distinct person_id) as department_people
    from per_department
    group by department
),

named as (
    select
        case when s.department_people >= $min_group_size then d.department
             else 'Smaller departments, not named' end as department,
        d.function,
        d.person_id,
        -- titles of a small department could point at a person
        case when s.department_people >= $min_group_size then d.title end as title
    from per_department as d
    join sizes as s using (department)
),

final as (
    select
        department,
        function,
        count(distinct person_id)::bigint as people,
        string_agg(distinct title, ', ' order by title) as titles
    from named
    group by department, function
    order by department = 'Smaller departments, not named', department, function
)

select * from final
