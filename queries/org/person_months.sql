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

lines as materialized (
    select a.month, a.as_of, p.person_id, p.name, p.department, p.title, p.function, p.manager_id
    from as_of a
    join people p
      on p.person_id = a.person_id
     and p.valid_from <= a.as_of and (p.valid_to is null or p.valid_to > a.as_of)
    -- overlapping periods (two HR sources): the one that started last is in force
    qualify row_number() over (partition by a.month, p.person_id order by p.valid_from desc) = 1
),

-- walk up the managers; a manager already on the path ends the walk, so a cycle cannot loop
chain(month, person_id, level, manager_id, path) as (
    select month, person_id, 1, manager_id, [person_id, manager_id]
    from lines
    where manager_id is not null and manager_id <> person_id
    union all
    select c.month, c.person_id, c.level + 1, m.manager_id, list_append(c.path, m.manager_id)
    from chain c
    join lines m on m.month = c.month and m.person_id = c.manager_id
    where m.manager_id is not null and not list_contains(c.path, m.manager_id) and c.level < 64
),

chains as (
    select c.month, c.person_id,
           list(c.manager_id order by c.level) as chain_ids,
           list(mf.function order by c.level) as chain_functions
    from chain c
    left join lines mf on mf.month = c.month and mf.person_id = c.manager_id
    group by c.month, c.person_id
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
    left join chains c using (month, person_id)
)

select * from final order by month, person_id
