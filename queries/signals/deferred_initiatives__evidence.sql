-- deferred_initiatives evidence: every professional services initiative deferred two or more
--   times in the window, with its deferrals and where it stands now
-- grain: one row per ticket
-- sources: ticket_facts, unit_months
-- params: $date_from, $date_to, $team, $min_group_size
with win as (
    select date_trunc('month', $date_from::date)::date as first_month,
           date_trunc('month', $date_to::date)::date as last_month,
           $team::varchar as team,
           $min_group_size::integer as min_people
),

shown_teams as (
    -- privacy: only teams that reach the minimum in some month of the window
    select unit from unit_months, win
    where month between first_month and last_month
    group by unit
    having max(people) >= any_value(min_people)
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
    from ticket_facts as t, win
    where t.owner_function = 'ps'
      and t.is_initiative and not t.is_revenue
      and t.deferral_count >= 2
      and t.created_month between win.first_month and win.last_month
      and (win.team is null or t.owner_unit = win.team)
      and t.owner_unit in (select unit from shown_teams)
)

select * from final order by "Team", "Created"
