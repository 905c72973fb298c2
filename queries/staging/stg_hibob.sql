-- stg_hibob: a HiBob people export → reporting-line rows
-- grain: one row per employee
-- sources: src (the file as text; work.reportsTo holds the manager's id, email or name);
--          staging/hr_person_rows parses the dates and gives the reasons
-- params: none
with employees as (select * from src),

final as (
    select
        coalesce(oh_text("id"), lower(oh_text("email")))  as person_id,
        coalesce(oh_text("displayName"),
                 nullif(trim(concat_ws(' ', oh_text("firstName"), oh_text("surname"))), '')) as name,
        lower(oh_text("email"))                       as email,
        oh_text("work.department")                    as department,
        oh_text("work.division")                      as division,
        oh_text("work.title")                         as title,
        oh_text("work.reportsTo")                     as manager_ref,
        oh_text("work.site")                          as location,
        "work.startDate"                              as hire_date,
        "internal.terminationDate"                    as termination_date,
        null::varchar                                 as effective_date,
        _rec,
        case when coalesce(oh_text("id"), oh_text("email")) is null
             then 'the employee has no id or email; fill one in or remove the row' end as _missing,
        {'manager_ref_kind': 'name', 'is_snapshot': false,
         'effective': null, 'hire': 'work.startDate', 'termination': 'internal.terminationDate',
         'example': '15/03/2021'}                     as _export
    from employees
)

select * from final
