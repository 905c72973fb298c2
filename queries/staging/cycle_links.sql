-- cycle_links: for the people of one reporting-line circle, each one's own row that makes it
-- grain: one row per person in the circle (their latest row on or before the circle's last day)
-- sources: hr_rows, hr_lines (the ingest's temporary HR rows and their lines in the files);
--          people, when the circle was loaded as the canonical table (no HR rows, no lines)
-- params: $members (person ids in the circle), $until (the circle's last day; null: no end)
with from_exports as (
    select h.person_id, h.name, h.manager_ref, h.source_file, l.line
    from hr_rows h
    left join hr_lines l on l.file = h.source_file and l.rec = h._rec
    where list_contains($members, h.person_id)
      and coalesce(h.effective_date, date '1970-01-01')
          <= coalesce($until, date '9999-12-31')
    qualify row_number() over (partition by h.person_id order by h.effective_date desc
                                   nulls first, h.source_file desc, h._rec desc) = 1
),

from_people as (
    select person_id, name, manager_id as manager_ref, source_file, null::bigint as line
    from people
    where list_contains($members, person_id)
      and valid_from <= coalesce($until, date '9999-12-31')
      and not exists (select 1 from from_exports)
    qualify row_number() over (partition by person_id order by valid_from desc) = 1
),

final as (
    select * from from_exports
    union all
    select * from from_people
)

select * from final order by person_id
