-- promises_without_delivery: share of won deals whose scope changed at closing without anyone
--   from delivery consulted, with "not what I was sold" tickets per deal beside it
-- grain: one row per month; each month covers the deals won in the twelve months up to it
-- sources: deals, person_months, ticket_facts
-- params: $date_from, $date_to, $team (null = all; else deals owned by that team),
--   $min_group_size (privacy minimum, counted in deal owners)
with win as (
    select * from signal_window($date_from, $date_to, $team, $min_group_size)
),

won as (
    select
        d.deal_id, d.account, d.owner_id, d.closed_at,
        date_trunc('month', d.closed_at)::date as period,
        -- promised without delivery: the scope moved at the last minute and nobody who will
        -- deliver it was asked
        coalesce(d.scope_changed_at_close and not d.delivery_consulted, false) as is_unvetted
    from won_deals($date_from, $date_to, $team) as d
    where d.scope_changed_at_close is not null and d.delivery_consulted is not null
),

mismatches as (
    -- "not what I was sold" tickets on the deal's account in the year after it closed
    select w.deal_id, count(t.ticket_id) as tickets
    from won as w
    join ticket_facts as t
      on t.account = w.account and t.is_expectation_mismatch
     and t.created_at >= w.closed_at and t.created_at < w.closed_at + interval 365 day
    group by w.deal_id
),

monthly as (
    select
        w.period,
        count(*) as deals,
        count(*) filter (where w.is_unvetted) as unvetted,
        coalesce(sum(m.tickets) filter (where w.is_unvetted), 0) as unvetted_tickets,
        coalesce(sum(m.tickets) filter (where not w.is_unvetted), 0) as other_tickets
    from won as w
    left join mismatches as m using (deal_id)
    group by w.period
),

owners as (
    -- distinct deal owners in each twelve-month span: the people behind the number
    select * from won_deal_owners($date_from, $date_to, $team)
),

rolling as (
    select
        m.period,
        sum(coalesce(x.deals, 0)) over w as deals,
        sum(coalesce(x.unvetted, 0)) over w as unvetted,
        sum(coalesce(x.unvetted_tickets, 0)) over w as unvetted_tickets,
        sum(coalesce(x.other_tickets, 0)) over w as other_tickets
    from window_months($date_from, $date_to) as m
    left join monthly as x using (period)
    window w as (order by m.period range between interval 11 month preceding and current row)
),

final as (
    select
        coalesce(win.team, 'All won deals') as grp,
        r.period,
        round(100.0 * r.unvetted / nullif(r.deals, 0), 1) as value,
        r.deals::bigint as n,
        r.unvetted::bigint as unvetted_deals,
        round(r.unvetted_tickets / nullif(r.unvetted, 0), 2) as mismatch_tickets_per_unvetted_deal,
        round(r.other_tickets / nullif(r.deals - r.unvetted, 0), 2) as mismatch_tickets_per_other_deal,
        o.owners::bigint as deal_owners
    from rolling as r
    join owners as o using (period)
    cross join win
    -- privacy: fewer deal owners than the minimum are not shown
    where o.owners >= win.min_people
)

select * from final order by period
