-- ticket_classes: how many tickets and ticket changes each classification gave
-- grain: one row per class
-- sources: tickets, ticket_events
-- params: none
with counts as (
    select 'initiative' as class, count(*) filter (where is_initiative) as matched,
           count(*) as out_of from tickets
    union all
    select 'revenue work', count(*) filter (where is_revenue), count(*) from tickets
    union all
    select 'proactive warning', count(*) filter (where is_proactive_warning), count(*) from tickets
    union all
    select 'escalation', count(*) filter (where is_escalation), count(*) from tickets
    union all
    select 'expectation mismatch', count(*) filter (where is_expectation_mismatch), count(*)
    from tickets
    union all
    select 'blamed on a team', count(*) filter (where blamed_function is not null), count(*)
    from tickets
    union all
    select 'deferral (a ticket change)', count(*) filter (where is_deferral), count(*)
    from ticket_events
),

final as (
    select class, matched::bigint as matched, out_of::bigint as out_of from counts
)

select * from final
