-- stg_workday: a Workday worker report (CSV, or JSON Report_Entry renamed to the same columns) → reporting-line rows
-- grain: one row per worker, or per worker per effective date when the report has one
-- sources: src (the file as text); staging/hr_person_rows parses the dates and gives the reasons
-- params: none
with workers as (select * from src),

parsed as (
    select
        *,
        -- "Office of the CEO (Jane Doe)": the organisation, and its manager in brackets
        nullif(trim(regexp_extract(oh_text("Supervisory Organization"), '^(.*?)\s*\(([^()]*)\)\s*$', 1)), '') as _org,
        nullif(trim(regexp_extract(oh_text("Supervisory Organization"), '^(.*?)\s*\(([^()]*)\)\s*$', 2)), '') as _org_manager
    from workers
),

final as (
    select
        coalesce(oh_text("Employee ID"), lower(coalesce(oh_text("Email - Work"), oh_text("Work Email")))) as person_id,
        oh_text("Worker")                             as name,
        lower(coalesce(oh_text("Email - Work"), oh_text("Work Email"))) as email,
        coalesce(oh_text("Department"), oh_text("Cost Center"), _org, oh_text("Supervisory Organization")) as department,
        _org                                          as division,
        coalesce(oh_text("Business Title"), oh_text("Job Title"), oh_text("Job Profile")) as title,
        -- a manager column wins; else the one named in the organisation, unless that is the worker
        coalesce(oh_text("Manager ID"), oh_text("Manager"),
                 case when lower(_org_manager) <> lower(coalesce(oh_text("Worker"), '')) then _org_manager end
        )                                             as manager_ref,
        oh_text("Location")                           as location,
        "Hire Date"                                   as hire_date,
        "Termination Date"                            as termination_date,
        "Effective Date"                              as effective_date,
        _rec,
        case when coalesce(oh_text("Employee ID"), oh_text("Email - Work"), oh_text("Work Email")) is null
             then 'the worker has no Employee ID or work email; fill one in or remove the row' end as _missing,
        {'manager_ref_kind': 'name', 'is_snapshot': false,
         'effective': 'Effective Date', 'hire': 'Hire Date', 'termination': 'Termination Date',
         'example': '2021-03-15'}                     as _export
    from parsed
)

select * from final
