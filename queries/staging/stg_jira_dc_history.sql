-- stg_jira_dc_history: Jira Data Center issue_history CSV → ticket history events
-- grain: one row per changed field per change
-- sources: src (the file as text; empty cells are nulls)
-- params: none
with history as (select * from src),

final as (
    select
        oh_text("issue_id")                           as ticket_id,
        oh_when("created_date")                       as "at",
        lower(oh_text("field"))                       as field,
        coalesce(oh_text("from_string"), oh_text("from")) as from_value,
        coalesce(oh_text("to_string"), oh_text("to")) as to_value,
        coalesce(oh_text("author_key"), oh_text("author_id")) as actor_id,
        _rec,
        coalesce(
            oh_missing("issue_id", 'issue_id'),
            oh_missing("created_date", 'created_date'),
            oh_bad_when("created_date", 'created_date', '2025-03-14T13:11:39Z'),
            oh_missing("field", 'field')
        ) as _reason
    from history
)

select * from final
