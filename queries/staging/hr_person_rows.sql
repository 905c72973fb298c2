-- hr_person_rows: the step every reporting-line export shares, after its own stg_<format> step
-- grain: one row per row of the export (a person, or a person per effective date)
-- sources: format_rows (the format's step: canonical names, dates still as the file's text,
--          _missing = why the row has no person, _dates = the file's own names for its date
--          columns and an example date, so a reason speaks the file's language)
-- params: none
with named as (select * from format_rows),

final as (
    select
        person_id, name, email, department, division, title, manager_ref, manager_ref_kind, location,
        oh_date(hire_date)                            as hire_date,
        oh_date(termination_date)                     as termination_date,
        oh_date(effective_date)                       as effective_date,
        is_snapshot,
        _rec,
        -- the date that places the row in time is checked first
        coalesce(
            _missing,
            oh_bad_date(effective_date, _dates.effective, _dates.example),
            oh_bad_date(hire_date, _dates.hire, _dates.example),
            oh_bad_date(termination_date, _dates.termination, _dates.example)
        ) as _reason
    from named
)

select * from final
