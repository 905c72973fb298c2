-- org_chain: each person's management chain on a given date
-- grain: one row per person per manager above them (level 1 = direct manager)
-- sources: people
-- params: $as_of (date)
with recursive
lines as materialized (
    select person_id, name, department, title, function, manager_id
    from people
    where valid_from <= $as_of::date and (valid_to is null or valid_to > $as_of::date)
    -- overlapping periods: the one that started last is in force
    qualify row_number() over (partition by person_id order by valid_from desc) = 1
),

-- a manager already on the path ends the walk, and depth is bounded: a cycle cannot hang
chain(person_id, level, manager_id, path) as (
    select person_id, 1, manager_id, [person_id, manager_id]
    from lines
    where manager_id is not null and manager_id <> person_id
    union all
    select c.person_id, c.level + 1, m.manager_id, list_append(c.path, m.manager_id)
    from chain c
    join lines m on m.person_id = c.manager_id
    where m.manager_id is not null and not list_contains(c.path, m.manager_id) and c.level < 64
),

final as (
    select
        c.person_id, p.name, p.function,
        c.level,
        c.manager_id,
        m.name as manager_name,
        m.function as manager_function,
        m.department as manager_department,
        m.person_id is null as manager_not_found
    from chain c
    join lines p on p.person_id = c.person_id
    left join lines m on m.person_id = c.manager_id
)

select * from final order by person_id, level
