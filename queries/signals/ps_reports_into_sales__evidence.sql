-- ps_reports_into_sales evidence: the professional services people under Sales in the latest
--   month of the window, with the chain of managers that leads there
-- grain: one row per person
-- sources: person_months, unit_months (shown_team_months)
-- params: $date_from, $date_to, $team, $min_group_size
with win as (
    select * from signal_window($date_from, $date_to, $team, $min_group_size)
),

ps as (
    select pm.*
    from window_person_months($date_from, $date_to, 'ps', $team) as pm
    where pm.month = (select max(month) from window_person_months($date_from, $date_to, 'ps'))
),

chain_names as (
    -- the chain of managers by name, nearest first
    select c.person_id, string_agg(coalesce(m.name, c.manager_id), ' > ' order by c.pos) as chain
    from (select person_id, month, unnest(chain_ids) as manager_id,
                 generate_subscripts(chain_ids, 1) as pos
          from ps) as c
    left join person_months as m on m.person_id = c.manager_id and m.month = c.month
    group by c.person_id
),

allowed as (
    -- privacy: only list people when the group behind the number is large enough (the sign's rule)
    select count(*) > 0 as ok
    from shown_function_months($date_from, $date_to, $min_group_size, 'ps', $team)
    where month = (select max(month) from ps)
),

final as (
    select
        ps.month as "Month",
        ps.name as "Person",
        ps.title as "Job title",
        -- privacy: a team is named only in its months at the minimum
        case when s.unit is not null then ps.unit
             else 'A team of fewer than ' || $min_group_size || ' people' end as "Team",
        cn.chain as "Chain of managers",
        array_to_string(ps.chain_functions, ' > ') as "Their functions",
        case when ps.reports_into_sales then 'yes' else 'no' end as "Reports into Sales"
    from ps
    left join shown_team_months($date_from, $date_to, $min_group_size, 'ps') as s
      on s.unit = ps.unit and s.month = ps.month
    left join chain_names as cn using (person_id)
    cross join allowed
    where allowed.ok and ps.reports_into_sales
)

-- every column in the order: rows that tie on all of them are the same bytes
select * from final
order by "Team", "Person", "Job title", "Chain of managers", "Their functions", "Month"
