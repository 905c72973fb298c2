-- stg_orgchart: a generic org-chart CSV (PersonID, SupervisorID, ...) → reporting-line rows
-- grain: one row per person
-- sources: src (the file as text); staging/hr_person_rows parses the dates and gives the reasons
-- params: none
with chart as (select * from src),

final as (
    select
        oh_text("PersonID")                           as person_id,
        oh_text("Name")                               as name,
        lower(oh_text("Email"))                       as email,
        oh_text("Department")                         as department,
        null::varchar                                 as division,
        coalesce(oh_text("Title"), oh_text("Job Title")) as title,
        -- the top person has no supervisor, or is their own
        case when oh_text("SupervisorID") <> oh_text("PersonID") then oh_text("SupervisorID") end as manager_ref,
        oh_text("Location")                           as location,
        "Hire Date"                                   as hire_date,
        null::varchar                                 as termination_date,
        null::varchar                                 as effective_date,
        _rec,
        oh_missing("PersonID", 'PersonID')            as _missing,
        {'manager_ref_kind': 'id', 'is_snapshot': false,
         'effective': null, 'hire': 'Hire Date', 'termination': null,
         'example': '2021-03-15'}                     as _export
    from chart
)

select * from final
