-- org_chain: each person's management chain on a given date
-- grain: one row per person per manager above them (level 1 = direct manager)
-- sources: people, through the lines_on and chain_on macros (org/chain_walk)
-- params: $as_of (date)
with
lines as materialized (select * from lines_on($as_of::date)),

chain as (select * from chain_on($as_of::date)),

final as (
    select
        c.person_id, p.name, p.function,
        c.level,
        c.manager_id,
        m.name as manager_name,
        m.function as manager_function,
        m.department as manager_department,
        m.person_id is null as manager_not_found
    from chain c
    join lines p on p.person_id = c.person_id
    left join lines m on m.person_id = c.manager_id
)

select * from final order by person_id, level
