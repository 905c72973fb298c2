-- ops_understaffed evidence: the operations tickets still open at the end of the window,
--   oldest first
-- grain: one row per open ticket
-- sources: ticket_facts, unit_months
-- params: $date_from, $date_to, $team, $min_group_size
with win as (
    select date_trunc('month', $date_from::date)::date as first_month,
           last_day(date_trunc('month', $date_to::date)::date) as last_day,
           $team::varchar as team,
           $min_group_size::integer as min_people
),

ops_size as (
    select sum(people) as people from unit_months, win
    where function = 'ops' and month = date_trunc('month', win.last_day)
      and (win.team is null or unit = win.team)
),

final as (
    select
        t.ticket_id as "Ticket",
        t.summary as "Summary",
        t.owner_unit as "Team",
        t.assignee_name as "Assignee",
        t.account as "Account",
        t.created_at::date as "Opened",
        date_diff('day', t.created_at::date, win.last_day) as "Days open",
        t.status as "Status now"
    from ticket_facts as t, win
    where t.owner_function = 'ops'
      and t.created_at::date <= win.last_day
      and (t.resolved_at is null or t.resolved_at::date > win.last_day)
      and (win.team is null or t.owner_unit = win.team)
      and (select people from ops_size) >= win.min_people
)

select * from final order by "Opened"
