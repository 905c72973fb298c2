-- scapegoating evidence: every escalation in the window blamed on professional services, with
--   the earlier warning on the same account when there was one
-- grain: one row per escalation (and earlier warning)
-- sources: ticket_facts, hours_by_person_month, unit_months (the privacy rules)
-- params: $date_from, $date_to, $team, $min_group_size
with win as (
    select * from signal_window($date_from, $date_to, $team)
),

escalations as (
    select e.*
    from ticket_facts as e, win
    where e.is_escalation and e.blamed_function = 'ps'
      and e.created_month between win.first_month and win.last_month
      -- privacy: as the sign, nothing from a month with professional services under the minimum
      and e.created_month in (select month from shown_function_months($date_from, $date_to,
                                                                      $min_group_size, 'ps'))
      and (win.team is null
           or e.account in (select account from team_accounts($date_from, $date_to, $team)))
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
        -- privacy: a team is named only in its months at the minimum
        case when w.ticket_id is null then null
             when s.unit is not null then w.reporter_unit
             else 'A team of fewer than ' || $min_group_size || ' people' end as "Warning team",
        case when w.deferral_count > 0 then 'deferred'
             when w.ticket_id is not null then 'closed without action' end as "What happened to the warning"
    from escalations as e
    -- the warnings deferred or closed without action before it (a sprint carry-over has no
    -- date: it counts)
    left join warned_then_blamed(true) as w on w.escalation_id = e.ticket_id
    -- judged in the escalation's month: the warning may be older than the window
    left join shown_team_months($date_from, $date_to, $min_group_size, 'ps') as s
      on s.unit = w.reporter_unit and s.month = e.created_month
)

select * from final order by "Escalated on", "Escalation", "Earlier warning" nulls first
