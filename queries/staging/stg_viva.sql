-- stg_viva: Viva Insights organizational data (monthly snapshots) → reporting-line rows
-- grain: one row per person per snapshot date (people_periods collapses unchanged months)
-- sources: src (the file as text)
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
        'id'                                         as manager_ref_kind,
        oh_text("Location")                          as location,
        oh_date("HireDate")                          as hire_date,
        null::date                                   as termination_date,
        oh_date("EffectiveDate")                     as effective_date,
        true                                         as is_snapshot,
        _rec,
        coalesce(
            oh_missing("PersonId", 'PersonId'),
            oh_missing("EffectiveDate", 'EffectiveDate'),
            oh_bad_date("EffectiveDate", 'EffectiveDate', '12/1/2020'),
            oh_bad_date("HireDate", 'HireDate', '12/1/2020')
        ) as _reason
    from snapshot
)

select * from final
