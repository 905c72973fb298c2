-- stg_jira_json_events: the changelog of each issue in a Jira REST search → ticket history events
-- grain: one row per changed field per history entry
-- sources: src_issues (issue JSON), staged (the issues' staged ticket rows, to know which were rejected)
-- params: none
with histories as (
    select i._rec, i.issue ->> 'key' as ticket_id, unnest(coalesce(
        from_json(i.issue -> 'changelog' -> 'histories', '["JSON"]'), []::json[])) as h
    from src_issues i
),

items as (
    select _rec, ticket_id, h ->> 'created' as created_text,
           coalesce(h -> 'author' ->> 'emailAddress', h -> 'author' ->> 'displayName') as actor,
           unnest(coalesce(from_json(h -> 'items', '["JSON"]'), []::json[])) as item
    from histories
),

final as (
    select
        it.ticket_id,
        oh_iso(it.created_text)                      as "at",
        lower(it.item ->> 'field')                   as field,
        it.item ->> 'fromString'                     as from_value,
        it.item ->> 'toString'                       as to_value,
        it.actor                                     as actor_id,
        it._rec,
        it.item::varchar                             as _raw,
        coalesce(
            case when s._reason is not null or s._dup_of is not null then
                'the history of issue ' || it.ticket_id || ', whose own row was rejected' end,
            case when oh_iso(it.created_text) is null then
                'issue ' || it.ticket_id || ': a history entry time ''' || coalesce(it.created_text, '') ||
                ''' is not a time like 2025-03-14T13:11:39.903+0100; re-export the search' end,
            case when it.item ->> 'field' is null then
                'issue ' || it.ticket_id || ': a history entry names no field; re-export the search' end
        ) as _reason
    from items it
    left join staged s on s._rec = it._rec
)

select * from final
