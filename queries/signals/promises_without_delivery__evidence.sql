-- promises_without_delivery evidence: the won deals whose scope changed at closing without
--   delivery consulted, with the "not what I was sold" tickets that followed
-- grain: one row per deal
-- sources: deals, person_months, ticket_facts
-- params: $date_from, $date_to, $team, $min_group_size
with won as (
    select * from won_deals($date_from, $date_to, $team)
    where scope_changed_at_close and not delivery_consulted
      -- privacy: as the sign, only deals of months with enough deal owners behind them
      and date_trunc('month', closed_at)::date in (
          select period from won_deal_owners($date_from, $date_to, $team)
          where owners >= $min_group_size)
),

final as (
    select
        w.deal_id as "Deal",
        w.name as "Deal name",
        w.account as "Account",
        coalesce(w.owner_name, w.owner_id) as "Owner",
        w.closed_at as "Closed",
        w.amount as "Amount",
        w.promised_go_live as "Promised go-live",
        count(t.ticket_id) as "Not-as-sold tickets in the year after",
        string_agg(t.ticket_id, ', ' order by t.created_at, t.ticket_id) as "Those tickets"
    from won as w
    left join ticket_facts as t
      on t.account = w.account and t.is_expectation_mismatch
     and t.created_at >= w.closed_at and t.created_at < w.closed_at + interval 365 day
    group by all
)

select * from final order by "Closed", "Deal"
