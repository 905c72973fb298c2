-- presales_drift evidence: pre-sales people whose reporting line moved into Sales in the
--   window, with their share of delivery and scoping work before and after
-- grain: one row per person per month from three months before the move
-- sources: person_months, hours_by_person_month
-- params: $date_from, $date_to, $team
with win as (
    select date_trunc('month', $date_from::date)::date as first_month,
           date_trunc('month', $date_to::date)::date as last_month,
           $team::varchar as team
),

months_in as (
    select pm.* from person_months as pm, win
    where pm.month between win.first_month and win.last_month
),

independent as (
    select person_id, min(month) as first_seen, any_value(unit order by month) as home_unit
    from months_in
    where function = 'presales' and not reports_into_sales
    group by person_id
),

moves as (
    select i.person_id, i.home_unit, min(m.month) as moved_in
    from independent as i
    join months_in as m on m.person_id = i.person_id and m.month > i.first_seen
                       and m.reports_into_sales
    cross join win
    where win.team is null or i.home_unit = win.team
    group by all
),

monthly as (
    select h.person_id, h.month,
           sum(h.hours) as hours,
           coalesce(sum(h.hours) filter (where h.activity in ('delivery', 'scoping')), 0)
               as delivery_hours,
           coalesce(sum(h.hours) filter (where h.activity = 'selling'), 0) as selling_hours
    from hours_by_person_month as h
    join moves as mv on mv.person_id = h.person_id
                    and h.month >= mv.moved_in - interval 3 month
    group by all
),

final as (
    select
        pm.name as "Person",
        mv.home_unit as "Team before",
        mv.moved_in as "Moved under Sales",
        m.month as "Month",
        pm.title as "Job title",
        round(m.hours, 0) as "Hours",
        round(100.0 * m.delivery_hours / m.hours, 0) as "Delivery and scoping (%)",
        round(100.0 * m.selling_hours / m.hours, 0) as "Selling (%)"
    from monthly as m
    join moves as mv using (person_id)
    left join person_months as pm using (person_id, month)
)

select * from final order by "Person", "Month"
