-- initiative_deferrals: how often each PS initiative was put off
-- grain: one row per non-revenue initiative ticket owned or raised by a PS unit
-- sources: ticket_facts
-- params: none
-- The deferral count is the shared one (status to backlog / on hold, priority lowered, due date
-- pushed, sprints carried over). The unit is the owner's (assignee, else reporter) in the month
-- the initiative was created, as in the deferred-initiatives sign.
with initiatives as (
    select
        ticket_id,
        summary,
        status,
        created_month as month,
        owner_unit as unit,
        deferral_count
    from ticket_facts
    where is_initiative and not is_revenue and owner_function = 'ps' and created_month is not null
),

final as (
    select
        ticket_id,
        summary,
        unit,
        month,
        status,
        deferral_count::bigint as deferrals,
        (deferral_count >= 2)::int as deferred_twice,
        1 as initiatives
    from initiatives
    where unit is not null
)

select * from final
order by unit, month, ticket_id
