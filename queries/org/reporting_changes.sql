-- reporting_changes: when someone's manager or department changed
-- grain: one row per person per change (the first period of a person is not a change)
-- sources: people
-- params: none
with ordered as (
    select
        *,
        lag(manager_id) over w as from_manager_id,
        lag(department) over w as from_department,
        lag(title) over w as from_title,
        lag(function) over w as from_function,
        row_number() over w as period_no
    from people
    window w as (partition by person_id order by valid_from)
),

changes as (
    select * from ordered
    where period_no > 1
      and (manager_id is distinct from from_manager_id or department is distinct from from_department)
),

-- the managers' own functions on the day of the change
managers_then as (
    select c.person_id, c.valid_from,
           any_value(fm.function) filter (where fm.person_id = c.from_manager_id) as from_manager_function,
           any_value(fm.name) filter (where fm.person_id = c.from_manager_id) as from_manager_name,
           any_value(fm.function) filter (where fm.person_id = c.manager_id) as to_manager_function,
           any_value(fm.name) filter (where fm.person_id = c.manager_id) as to_manager_name
    from changes c
    left join people fm
      on fm.person_id in (c.from_manager_id, c.manager_id)
     and fm.valid_from <= c.valid_from and (fm.valid_to is null or fm.valid_to > c.valid_from)
    group by c.person_id, c.valid_from
),

final as (
    select
        c.person_id, c.name,
        c.valid_from as changed_at,
        c.from_manager_id, t.from_manager_name, t.from_manager_function,
        c.manager_id as to_manager_id, t.to_manager_name, t.to_manager_function,
        c.from_department, c.department as to_department,
        c.from_title, c.title as to_title,
        c.from_function, c.function as to_function,
        c.manager_id is distinct from c.from_manager_id as manager_changed,
        c.department is distinct from c.from_department as department_changed
    from changes c
    join managers_then t using (person_id, valid_from)
)

select * from final order by changed_at, person_id
