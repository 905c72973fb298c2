-- hr_person_rows: the step every reporting-line export shares, after its own stg_<format> step
-- grain: one row per row of the export (a person, or a person per effective date)
-- sources: format_rows (the format's step: canonical names, dates still as the file's text,
--          _missing = why the row has no person, _export = how the export speaks: whether it
--          names managers by name or id, whether its rows are monthly snapshots, and its own
--          names for its date columns with an example date, so a reason speaks its language)
-- params: none
with named as (select * from format_rows),

final as (
    select
        person_id, name, email, department, division, title, manager_ref,
        _export.manager_ref_kind                      as manager_ref_kind,
        location,
        oh_date(hire_date)                            as hire_date,
        oh_date(termination_date)                     as termination_date,
        oh_date(effective_date)                       as effective_date,
        _export.is_snapshot                           as is_snapshot,
        _rec,
        -- the date that places the row in time is checked first
        coalesce(
            _missing,
            oh_bad_date(effective_date, _export.effective, _export.example),
            oh_bad_date(hire_date, _export.hire, _export.example),
            oh_bad_date(termination_date, _export.termination, _export.example)
        ) as _reason
    from named
)

select * from final
