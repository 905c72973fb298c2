-- chain_walk: the reporting lines in force on a date, and every person's walk up them, kept as
--   table macros stored in the database so that org_chain and spans_layers walk the same way
-- grain: lines_on: one row per person employed that day; chain_on: one row per person per
--   manager above them (level 1 = direct manager)
-- sources: people
-- params: none (the date is the macros' argument: org_chain and spans_layers pass their $as_of)
-- Built at ingest before person_months (orghealth.ingest.build_derived).

create or replace macro lines_on(on_date) as table
    select person_id, name, department, title, function, manager_id
    from people
    where valid_from <= on_date::date and (valid_to is null or valid_to > on_date::date)
    -- overlapping periods: the one that started last is in force
    qualify row_number() over (partition by person_id order by valid_from desc) = 1;

-- a manager already on the path ends the walk, and depth is bounded: a cycle cannot hang
create or replace macro chain_on(on_date) as table
    with recursive
    lines as materialized (select person_id, manager_id from lines_on(on_date)),
    chain(person_id, level, manager_id, path) as (
        select person_id, 1, manager_id, [person_id, manager_id]
        from lines
        where manager_id is not null and manager_id <> person_id
        union all
        select c.person_id, c.level + 1, m.manager_id, list_append(c.path, m.manager_id)
        from chain c
        join lines m on m.person_id = c.manager_id
        where m.manager_id is not null and not list_contains(c.path, m.manager_id) and c.level < 64
    )
    select person_id, level, manager_id from chain;
