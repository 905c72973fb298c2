-- ps_reports_into_sales: share of professional services people whose management chain reaches
--   a Sales leader before it reaches the top of the company
-- grain: one row per month for all professional services (or the one team asked for)
-- sources: person_months
-- params: $date_from, $date_to, $team (null = every team), $min_group_size (privacy minimum)
with win as (
    select * from signal_window($date_from, $date_to, $team, $min_group_size)
),

ps_people as (
    select pm.month, pm.person_id, pm.unit, pm.reports_into_sales
    from window_person_months($date_from, $date_to, 'ps', $team) as pm
),

by_month as (
    select
        month,
        count(distinct person_id) as n,
        count(distinct person_id) filter (where reports_into_sales) as under_sales,
        -- which teams sit under Sales this month, for the reader
        string_agg(distinct unit, ', ' order by unit) filter (where reports_into_sales)
            as teams_under_sales
    from ps_people
    group by month
),

final as (
    select
        coalesce((select team from win), 'Professional services') as grp,
        month as period,
        round(100.0 * under_sales / n, 1) as value,
        n::bigint as n,
        under_sales::bigint as under_sales,
        teams_under_sales
    from by_month, win
    -- privacy: a month of professional services (or of the team) under the minimum is not shown
    where month in (select month from shown_function_months($date_from, $date_to,
                                                            $min_group_size, 'ps', $team))
)

select * from final order by period
