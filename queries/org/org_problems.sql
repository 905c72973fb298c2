-- org_problems: reporting lines that cannot be followed: cycles, unknown managers, self-managers
-- grain: one row per problem (a cycle is one row listing its members)
-- sources: people, person_months
-- params: none
with recursive
self_managers as (
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

-- the lines in force now: an org chart without dates has no months, only these
current_lines as materialized (
    select person_id, manager_id, valid_from from people where valid_to is null
    qualify row_number() over (partition by person_id order by valid_from desc) = 1
),

-- walking up from each person; bounded, and a manager already on the path ends the walk
current_walk(person_id, manager_id, path) as (
    select person_id, manager_id, [person_id]
    from current_lines where manager_id is not null and manager_id <> person_id
    union all
    select w.person_id, m.manager_id, list_append(w.path, w.manager_id)
    from current_walk w join current_lines m on m.person_id = w.manager_id
    where m.manager_id is not null and not list_contains(w.path, w.manager_id) and len(w.path) < 64
),

current_cycles as (
    select 'cycle' as kind, members[1] as person_id, null::varchar as name, null::varchar as manager_id,
           members as people,
           -- a start before 1971 means "no date in the export"
           nullif(max(l.valid_from), date '1970-01-01') as first_seen, null::date as last_seen,
           'reporting lines go round in a circle among ' || array_to_string(members, ', ') as detail
    from (select distinct list_sort(path) as members from current_walk where manager_id = person_id) c
    join current_lines l on list_contains(c.members, l.person_id)
    where c.members not in (select members from cycle_members)
    group by members
),

final as (
    select * from self_managers
    union all select * from orphans
    union all select * from cycles
    union all select * from current_cycles
)

select * from final order by kind, person_id
