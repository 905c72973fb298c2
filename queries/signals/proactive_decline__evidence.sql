-- proactive_decline evidence: the early warnings professional services raised in the window,
--   month by month, with who raised them and what became of them
-- grain: one row per warning ticket
-- sources: ticket_facts, unit_months
-- params: $date_from, $date_to, $team, $min_group_size
with win as (
    select * from signal_window($date_from, $date_to, $team, $min_group_size)
),

final as (
    select
        t.created_month as "Month",
        t.reporter_unit as "Team",
        t.ticket_id as "Warning",
        t.summary as "Summary",
        t.reporter_name as "Raised by",
        t.account as "Account",
        t.status as "Status now",
        t.deferral_count as "Times deferred"
    from ticket_facts as t
    -- privacy: the sign's own rule, in the month the warning was raised
    semi join shown_team_months($date_from, $date_to, $min_group_size, 'ps') as s
      on s.unit = t.reporter_unit and s.month = t.created_month
    cross join win
    where t.is_proactive_warning and t.reporter_function = 'ps'
      and t.created_month between win.first_month and win.last_month
      and (win.team is null or t.reporter_unit = win.team)
)

select * from final order by "Month", "Team", "Warning"
