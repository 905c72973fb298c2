-- ticket_facts: one fact row per ticket with its deferral count and the team and function of
--   the people on it in the month it was created
-- grain: one row per ticket
-- sources: tickets, ticket_events, person_months
-- params: none (built once at the end of an ingest)
create or replace table ticket_facts as
with events as (
    -- when a ticket was first deferred; how many times is counted at ingest by the rules
    select ticket_id, min("at") as first_deferral_at
    from ticket_events
    where is_deferral
    group by ticket_id
),

base as (
    select
        t.*,
        date_trunc('month', t.created_at)::date as created_month,
        date_trunc('month', t.resolved_at)::date as resolved_month,
        e.first_deferral_at
    from tickets as t
    left join events as e using (ticket_id)
),

final as (
    select
        b.ticket_id, b.project_key, b.summary, b.type, b.priority, b.status, b.resolution,
        b.account, b.team, b.labels, b.blamed_function,
        b.created_at, b.created_month, b.resolved_at, b.resolved_month, b.due_at,
        b.is_initiative, b.is_revenue, b.is_proactive_warning, b.is_escalation,
        b.is_expectation_mismatch,
        coalesce(b.deferral_count, 0) as deferral_count,
        b.first_deferral_at,
        -- closed without the work being done: a "won't do"-like resolution or status
        (b.resolved_at is not null
            and regexp_matches(lower(coalesce(b.resolution, b.status, '')),
                               'won.?t|not do|declined|rejected|cancel|obsolete|duplicate|cannot')
        ) as is_closed_unresolved,
        b.reporter_id,
        r.name as reporter_name, r.unit as reporter_unit, r.function as reporter_function,
        b.assignee_id,
        a.name as assignee_name, a.unit as assignee_unit, a.function as assignee_function,
        -- the team a ticket belongs to: its assignee's, else its reporter's, else its own field
        coalesce(a.unit, r.unit, b.team) as owner_unit,
        coalesce(a.function, r.function) as owner_function
    from base as b
    left join person_months as r on r.person_id = b.reporter_id and r.month = b.created_month
    left join person_months as a on a.person_id = b.assignee_id and a.month = b.created_month
)

select * from final
