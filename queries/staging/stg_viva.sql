-- stg_viva: Viva Insights organizational data (monthly snapshots) → reporting-line rows
-- grain: one row per person per snapshot date (people_periods collapses unchanged months)
-- sources: src (the file as text); staging/hr_person_rows parses the dates and gives the reasons
-- params: none
with snapshot as (select * from src),

final as (
    select
        lower(oh_text("PersonId"))                   as person_id,
        null::varchar                                as name,
        case when contains(oh_text("PersonId"), '@') then lower(oh_text("PersonId")) end as email,
        oh_text("Organization")                      as department,
        -- FunctionType names the work (Sales, Consulting); LevelDesignation is a grade
        oh_text("LevelDesignation")                  as division,
        oh_text("FunctionType")                      as title,
        lower(oh_text("ManagerId"))                  as manager_ref,
        oh_text("Location")                          as location,
        "HireDate"                                   as hire_date,
        null::varchar                                as termination_date,
        "EffectiveDate"                              as effective_date,
        _rec,
        coalesce(oh_missing("PersonId", 'PersonId'), oh_missing("EffectiveDate", 'EffectiveDate')) as _missing,
        {'manager_ref_kind': 'id', 'is_snapshot': true,
         'effective': 'EffectiveDate', 'hire': 'HireDate', 'termination': null,
         'example': '12/1/2020'}                     as _export
    from snapshot
)

select * from final
