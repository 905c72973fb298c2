-- stg_bamboohr: one BambooHR report (employee list or job-information history) → reporting-line rows
-- grain: one row per employee, or per employee per job change when the report has Effective Date
-- sources: src (the file as text); staging/hr_person_rows parses the dates and gives the reasons
-- params: none
with employees as (select * from src),

final as (
    select
        coalesce(oh_text("Employee #"), oh_text("Employee ID"), lower(oh_text("Work Email"))) as person_id,
        nullif(trim(concat_ws(' ', oh_text("First Name"), oh_text("Last Name"))), '') as name,
        lower(coalesce(oh_text("Work Email"), oh_text("Email")))  as email,
        oh_text("Department")                          as department,
        oh_text("Division")                            as division,
        oh_text("Job Title")                           as title,
        oh_text("Reports To")                          as manager_ref,   -- a name, matched later
        oh_text("Location")                            as location,
        "Hire Date"                                    as hire_date,
        "Termination Date"                             as termination_date,
        "Effective Date"                               as effective_date,
        _rec,
        case when coalesce(oh_text("Employee #"), oh_text("Employee ID"), oh_text("Work Email")) is null
             then 'the employee has no Employee # or Work Email; fill one in or remove the row' end as _missing,
        {'manager_ref_kind': 'name', 'is_snapshot': false,
         'effective': 'Effective Date', 'hire': 'Hire Date', 'termination': 'Termination Date',
         'example': '07/01/2025'}                      as _export
    from employees
)

select * from final
