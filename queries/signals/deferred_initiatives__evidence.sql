-- deferred_initiatives evidence: every professional services initiative deferred two or more
--   times in the window, with its deferrals and where it stands now
-- grain: one row per ticket
-- sources: ticket_facts, unit_months
-- params: $date_from, $date_to, $team, $min_group_size
with win as (
    select * from signal_window($date_from, $date_to, $team, $min_group_size)
),

final as (
    select
        t.ticket_id as "Ticket",
        t.summary as "Summary",
        t.owner_unit as "Team",
        t.assignee_name as "Assignee",
        t.created_at::date as "Created",
        t.deferral_count as "Times deferred",
        t.first_deferral_at::date as "First deferred",
        t.status as "Status now",
        t.priority as "Priority now",
        array_to_string(t.labels, ', ') as "Labels"
    from ticket_facts as t
    -- privacy: the sign's own rule, in the month the ticket was created
    semi join shown_team_months($date_from, $date_to, $min_group_size, 'ps') as s
      on s.unit = t.owner_unit and s.month = t.created_month
    cross join win
    where t.owner_function = 'ps'
      and t.is_initiative and not t.is_revenue
      and t.deferral_count >= 2
      and t.created_month between win.first_month and win.last_month
      and (win.team is null or t.owner_unit = win.team)
)

select * from final order by "Team", "Created", "Ticket"
