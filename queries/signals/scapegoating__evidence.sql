-- scapegoating evidence: every escalation in the window blamed on professional services, with
--   the earlier warning on the same account when there was one
-- grain: one row per escalation (and earlier warning)
-- sources: ticket_facts, hours_by_person_month
-- params: $date_from, $date_to, $team
with win as (
    select date_trunc('month', $date_from::date)::date as first_month,
           date_trunc('month', $date_to::date)::date as last_month,
           $team::varchar as team
),

team_accounts as (
    select distinct account from hours_by_person_month, win
    where unit = win.team and account is not null
      and month between win.first_month and win.last_month
    union
    select distinct account from ticket_facts, win
    where owner_unit = win.team and account is not null
),

escalations as (
    select e.*
    from ticket_facts as e, win
    where e.is_escalation and e.blamed_function = 'ps'
      and e.created_month between win.first_month and win.last_month
      and (win.team is null or e.account in (select account from team_accounts))
),

warnings as (
    select * from ticket_facts
    where is_proactive_warning and reporter_function = 'ps' and account is not null
      and (deferral_count > 0 or is_closed_unresolved)
),

final as (
    select
        e.ticket_id as "Escalation",
        e.summary as "Summary",
        e.account as "Account",
        e.created_at::date as "Escalated on",
        e.blamed_function as "Blamed on",
        w.ticket_id as "Earlier warning",
        w.created_at::date as "Warned on",
        w.reporter_name as "Warned by",
        w.reporter_unit as "Warning team",
        case when w.deferral_count > 0 then 'deferred'
             when w.ticket_id is not null then 'closed without action' end as "What happened to the warning"
    from escalations as e
    left join warnings as w
      on w.account = e.account
     and w.created_at < e.created_at
     and w.created_at >= e.created_at - interval 180 day
     -- deferred before the escalation (a sprint carry-over has no date: it counts), or
     -- closed without action before it
     and (w.first_deferral_at < e.created_at
          or (w.first_deferral_at is null and w.deferral_count > 0)
          or (w.is_closed_unresolved and w.resolved_at < e.created_at))
)

select * from final order by "Escalated on", "Escalation"
