-- deferred_initiatives: share of a professional services team's own initiatives (health checks,
--   reviews, enablement: work nobody pays for directly) deferred two or more times, against the
--   same share for its paid work
-- grain: one row per professional services team per month; each month covers the initiatives
--   created in the three months up to it
-- sources: ticket_facts, unit_months (through shown_team_months)
-- params: $date_from, $date_to, $team (null = every team), $min_group_size (privacy minimum)
with win as (
    select * from signal_window($date_from, $date_to, $team, $min_group_size)
),

ps_tickets as (
    select t.owner_unit as grp, t.created_month as period, t.is_initiative, t.is_revenue,
           t.deferral_count
    from ticket_facts as t, win
    where t.owner_function = 'ps'
      and t.created_month between win.first_month and win.last_month
      and (win.team is null or t.owner_unit = win.team)
),

spine as (
    -- every month of the window for every team with tickets, so a quiet month still has a row
    select distinct t.grp, u.month as period
    from (select distinct grp from ps_tickets) as t
    join unit_months as u on u.unit = t.grp
    cross join win
    where u.month between win.first_month and win.last_month
),

counts as (
    select
        grp, period,
        -- an initiative that is also billed is paid work, not an initiative
        count(*) filter (where is_initiative and not is_revenue) as initiatives,
        count(*) filter (where is_initiative and not is_revenue and deferral_count >= 2)
            as initiatives_deferred,
        count(*) filter (where is_revenue) as revenue_items,
        count(*) filter (where is_revenue and deferral_count >= 2) as revenue_deferred
    from ps_tickets
    group by all
),

monthly as (
    select s.grp, s.period,
           coalesce(c.initiatives, 0) as initiatives,
           coalesce(c.initiatives_deferred, 0) as initiatives_deferred,
           coalesce(c.revenue_items, 0) as revenue_items,
           coalesce(c.revenue_deferred, 0) as revenue_deferred
    from spine as s
    left join counts as c using (grp, period)
),

rolling as (
    select
        grp, period,
        sum(initiatives) over w as initiatives,
        sum(initiatives_deferred) over w as initiatives_deferred,
        sum(revenue_items) over w as revenue_items,
        sum(revenue_deferred) over w as revenue_deferred
    from monthly
    window w as (partition by grp order by period
                 range between interval 2 month preceding and current row)
),

final as (
    select
        r.grp,
        r.period,
        round(100.0 * r.initiatives_deferred / nullif(r.initiatives, 0), 1) as value,
        r.initiatives::bigint as n,
        r.initiatives_deferred::bigint as initiatives_deferred,
        round(100.0 * r.revenue_deferred / nullif(r.revenue_items, 0), 1) as revenue_value,
        r.revenue_items::bigint as revenue_items,
        s.people as people
    from rolling as r
    -- privacy: a team's month is shown only with enough professional services people in it
    join shown_team_months($date_from, $date_to, $min_group_size, 'ps') as s
      on s.unit = r.grp and s.month = r.period
)

select * from final order by grp, period
