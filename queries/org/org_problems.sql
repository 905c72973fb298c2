-- org_problems: reporting lines that cannot be followed: cycles, unknown managers, self-managers
-- grain: one row per problem (a cycle is one row listing its members)
-- sources: people, person_months
-- params: none
with self_managers as (
    select 'self_manager' as kind, person_id, any_value(name) as name, any_value(manager_id) as manager_id,
           [person_id] as people, min(valid_from) as first_seen,
           case when bool_or(valid_to is null) then null else max(valid_to) - 1 end as last_seen,
           'is recorded as their own manager' as detail
    from people where manager_id = person_id
    group by person_id
),

orphans as (
    select 'orphan' as kind, p.person_id, any_value(p.name) as name, p.manager_id,
           [p.person_id] as people, min(p.valid_from) as first_seen,
           case when bool_or(p.valid_to is null) then null else max(p.valid_to) - 1 end as last_seen,
           'reports to ''' || p.manager_id || ''', who is not in the HR data' as detail
    from people p
    where p.manager_id is not null and p.manager_id <> p.person_id
      and p.manager_id not in (select person_id from people)
    group by p.person_id, p.manager_id
),

-- a person is in a cycle when walking up from them leads back to them
cycle_members as (
    select pm.month, pm.person_id,
           list_sort(list_prepend(pm.person_id, pm.chain_ids)) as members
    from person_months pm
    join person_months top
      on top.month = pm.month and top.person_id = pm.chain_ids[-1]
    where len(pm.chain_ids) > 0 and top.manager_id = pm.person_id
),

cycles as (
    select 'cycle' as kind, members[1] as person_id, null::varchar as name, null::varchar as manager_id,
           members as people, min(month) as first_seen, max(last_day(month)) as last_seen,
           'reporting lines go round in a circle among ' || array_to_string(members, ', ') as detail
    from cycle_members
    group by members
),

final as (
    select * from self_managers
    union all select * from orphans
    union all select * from cycles
)

select * from final order by kind, person_id
