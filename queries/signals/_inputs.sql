-- _inputs: how much of each kind of input the window holds, so a sign with nothing to read
--   says so instead of showing a reassuring zero
-- grain: one row
-- sources: person_months, hours_by_function_month, ticket_facts, deals, projects
-- params: $date_from, $date_to
with win as (
    select first_month, last_month from signal_window($date_from, $date_to)
),

people as (
    select
        count(distinct person_id) as people,
        count(distinct person_id) filter (where function = 'ps') as ps_people,
        count(distinct person_id) filter (where function = 'presales') as presales_people,
        count(distinct person_id) filter (where function = 'sales') as sales_people,
        count(distinct person_id) filter (where function = 'ops') as ops_people
    from window_person_months($date_from, $date_to)
),

hours as (
    select
        coalesce(sum(hours), 0) as hours,
        coalesce(sum(hours) filter (where function = 'ps'), 0) as ps_hours,
        coalesce(sum(hours) filter (where function = 'presales'), 0) as presales_hours,
        coalesce(sum(hours) filter (where function = 'sales'), 0) as sales_hours,
        coalesce(sum(hours) filter (where function = 'ops'), 0) as ops_hours,
        coalesce(sum(project_hours), 0) as project_hours
    from hours_by_function_month, win
    where month between first_month and last_month
),

tickets as (
    select
        count(*) as tickets,
        count(*) filter (where is_initiative and owner_function = 'ps') as ps_initiatives,
        count(*) filter (where is_proactive_warning) as warnings,
        count(*) filter (where is_escalation) as escalations,
        count(*) filter (where is_escalation and blamed_function is not null) as blamed_escalations,
        count(*) filter (where owner_function = 'ops') as ops_tickets
    from ticket_facts, win
    where created_month between first_month and last_month
),

deals as (
    select
        count(*) filter (where is_won) as won_deals,
        count(*) filter (where is_won and scope_changed_at_close is not null
                         and delivery_consulted is not null) as deals_with_scope_facts
    from deals, win
    where closed_at between first_month and last_day(last_month)
),

projects as (
    select
        count(*) as projects,
        count(*) filter (where estimated_hours > 0) as estimated_projects,
        count(*) filter (where p.deal_id is not null) as projects_with_deal
    from projects as p
),

final as (
    select * from people, hours, tickets, deals, projects
)

select * from final
