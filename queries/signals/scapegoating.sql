-- scapegoating: how much more of the blame for customer escalations lands on professional
--   services than its share of the company would suggest, and how often it is blamed for a
--   problem it had warned about on the same account ("flagged, then blamed")
-- grain: one row per month; each month covers the escalations of the six months up to it
-- sources: ticket_facts, person_months, hours_by_person_month
-- params: $date_from, $date_to, $team (null = all; else escalations on the accounts that team
--   works on), $min_group_size (privacy minimum)
with win as (
    select * from signal_window($date_from, $date_to, $team, $min_group_size)
),

escalations as (
    select e.*
    from ticket_facts as e, win
    where e.is_escalation
      and e.created_month between win.first_month and win.last_month
      and (win.team is null
           or e.account in (select account from team_accounts($date_from, $date_to, $team)))
),

flagged as (
    -- flagged, then blamed (a sprint carry-over has no date: it counts as deferred before)
    select distinct escalation_id as ticket_id
    from warned_then_blamed(true)
    where escalation_id in (select ticket_id from escalations)
),

monthly_blame as (
    select
        created_month as period,
        count(*) filter (where blamed_function is not null) as blamed,
        count(*) filter (where blamed_function = 'ps') as blamed_on_ps,
        count(*) filter (where ticket_id in (select ticket_id from flagged)) as flagged_then_blamed
    from escalations
    group by all
),

monthly_heads as (
    select pm.month as period,
           count(*) as person_months,
           count(*) filter (where pm.function = 'ps') as ps_person_months,
           count(distinct pm.person_id) filter (where pm.function = 'ps') as ps_people
    from window_person_months($date_from, $date_to) as pm
    group by all
),

rolling as (
    select
        h.period,
        h.ps_people,
        sum(coalesce(b.blamed, 0)) over w as blamed,
        sum(coalesce(b.blamed_on_ps, 0)) over w as blamed_on_ps,
        sum(coalesce(b.flagged_then_blamed, 0)) over w as flagged_then_blamed,
        sum(h.ps_person_months) over w as ps_person_months,
        sum(h.person_months) over w as person_months
    from monthly_heads as h
    left join monthly_blame as b using (period)
    window w as (order by h.period range between interval 5 month preceding and current row)
),

final as (
    select
        coalesce(win.team, 'Professional services') as grp,
        period,
        -- share of blame over share of headcount: 1 is fair, 2 is twice the fair share
        round((blamed_on_ps / nullif(blamed, 0))
              / nullif(ps_person_months / nullif(person_months, 0), 0), 2) as value,
        blamed::bigint as n,
        blamed_on_ps::bigint as blamed_on_ps,
        round(100.0 * blamed_on_ps / nullif(blamed, 0), 1) as ps_share_of_blame,
        round(100.0 * ps_person_months / nullif(person_months, 0), 1) as ps_share_of_people,
        flagged_then_blamed::bigint as flagged_then_blamed,
        ps_people::bigint as ps_people
    from rolling, win
    -- privacy: a month with professional services under the minimum is not shown
    where period in (select month from shown_function_months($date_from, $date_to,
                                                             $min_group_size, 'ps'))
)

select * from final order by period
