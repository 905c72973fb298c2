-- people_names: every spelling by which a person can appear in an export, for pseudonymizing
-- grain: one row per person per distinct (name, email) or alias
-- sources: people, person_aliases
-- params: none
with from_people as (
    select distinct person_id, name, email from people
),

from_aliases as (
    -- names as Jira, Harvest or the CRM spelled them, already matched to a person
    select distinct person_id, alias as name, null::varchar as email from person_aliases
),

final as (
    select * from from_people
    union
    select * from from_aliases
)

select * from final order by person_id, name
