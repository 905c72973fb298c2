-- person_months: each person's reporting line per calendar month, as of the month's last day
-- grain: one row per person per month employed within the data window
--        (as of their last day if they left that month)
-- sources: people, data_window (view built at ingest from org/data_window)
-- params: none
with recursive
bounds as (
    select date_trunc('month', data_start)::date as m0, date_trunc('month', data_end)::date as m1
    from data_window
),

months as (
    select unnest(generate_series(m0, m1, interval 1 month))::date as month from bounds
),

employment as (
    select person_id,
           min(valid_from) as first_day,
           -- last day employed: the termination date, else the end of a closed last period
           case when bool_or(valid_to is null) then max(termination_date)
                else least(max(valid_to) - 1, coalesce(max(termination_date), max(valid_to) - 1)) end as last_day
    from people
    group by person_id
),

as_of as (
    select m.month, e.person_id,
           least(last_day(m.month), coalesce(e.last_day, last_day(m.month))) as as_of
    from months m
    join employment e
      on e.first_day <= last_day(m.month) and (e.last_day is null or e.last_day >= m.month)
),

distinct_periods as (
    select * from people
    qualify row_number() over (partition by person_id, valid_from order by valid_to nulls last) = 1
),

periods as (
    -- overlapping periods (two HR sources): a later start ends the earlier period
    select *,
           least(coalesce(valid_to, date '9999-12-31'),
                 coalesce(lead(valid_from) over (partition by person_id order by valid_from),
                          date '9999-12-31')) as ends
    from distinct_periods
),

lines as materialized (
    select a.month, a.as_of, p.person_id, p.name, p.department, p.title, p.function, p.manager_id
    from as_of a
    join periods p
      on p.person_id = a.person_id and p.valid_from <= a.as_of and p.ends > a.as_of
),

-- only managers need their own chain walked: everyone else's chain is their manager plus
-- the manager's chain (eight times less work than walking every person)
managers as materialized (
    select l.* from lines l
    where (l.month, l.person_id) in (select distinct month, manager_id from lines where manager_id is not null)
),

-- walk up the managers; a manager already on the path ends the walk, so a cycle cannot loop.
-- path = [manager, their manager, ...]; functions = the functions of path[1:-1] so far
chain(month, person_id, level, manager_id, path, functions) as (
    select month, person_id, 1, manager_id, [manager_id], []::varchar[]
    from managers
    where manager_id is not null and manager_id <> person_id
    union all
    select c.month, c.person_id, c.level + 1, m.manager_id, list_append(c.path, m.manager_id),
           list_append(c.functions, m.function)
    from chain c
    join managers m on m.month = c.month and m.person_id = c.manager_id
    where m.manager_id is not null and m.manager_id <> c.person_id
      and not list_contains(c.path, m.manager_id) and c.level < 64
),

walked as (
    select month, person_id, arg_max(path, level) as path, arg_max(functions, level) as functions,
           arg_max(manager_id, level) as top_id
    from chain
    group by month, person_id
),

manager_chains as (
    -- the last manager's own function completes the list
    select w.month, w.person_id, w.path as chain_ids,
           list_append(w.functions, t.function) as chain_functions
    from walked w
    left join managers t on t.month = w.month and t.person_id = w.top_id
),

chains as (
    select l.month, l.person_id,
           list_prepend(l.manager_id, coalesce(mc.chain_ids, [])) as full_ids,
           list_prepend(m.function, coalesce(mc.chain_functions, [])) as full_functions
    from lines l
    left join managers m on m.month = l.month and m.person_id = l.manager_id
    left join manager_chains mc on mc.month = l.month and mc.person_id = l.manager_id
    where l.manager_id is not null and l.manager_id <> l.person_id
),

cut as (
    -- in a cycle the manager's chain leads back to the person: stop just before them
    select month, person_id,
           coalesce(list_position(full_ids, person_id), len(full_ids) + 1) - 1 as keep,
           full_ids, full_functions
    from chains
),

trimmed as (
    select month, person_id, full_ids[1:keep] as chain_ids, full_functions[1:keep] as chain_functions
    from cut
),

final as (
    select
        l.month, l.person_id, l.name, l.department, l.title, l.function,
        l.department as unit,
        l.manager_id,
        coalesce(len(c.chain_ids), 0)::integer as depth,
        coalesce(c.chain_ids, []::varchar[]) as chain_ids,
        coalesce(c.chain_functions, []::varchar[]) as chain_functions,
        list_filter(c.chain_functions, lambda f: f is not null and f <> l.function)[1] as leader_function,
        -- Sales is reached before the executive level
        coalesce(list_position(c.chain_functions, 'sales')
                 < coalesce(list_position(c.chain_functions, 'exec'), 100000), false) as reports_into_sales
    from lines l
    left join trimmed c using (month, person_id)
)

select * from final
