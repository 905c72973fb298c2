-- stg_servicenow: one ServiceNow incident list export → ticket rows
-- grain: one row per incident
-- sources: src (the file as text; every value quoted, dates in the exporting user's format)
-- params: none
with incidents as (select * from src),

final as (
    select
        oh_text("number")                             as ticket_id,
        null::varchar                                 as project_key,
        oh_text("short_description")                  as summary,
        oh_when("opened_at")                          as created_at,
        oh_when("sys_updated_on")                     as updated_at,
        coalesce(oh_when("resolved_at"), oh_when("closed_at")) as resolved_at,
        oh_when("due_date")::date                     as due_at,
        oh_text("state")                              as status,
        -- ServiceNow's states, in the three stages every ticket goes through
        case when lower(oh_text("state")) in ('new', 'open', '1') then 'to do'
             when lower(oh_text("state")) in ('resolved', 'closed', 'canceled', 'cancelled', '6', '7', '8')
                  then 'done'
             when oh_text("state") is not null then 'in progress' end as status_category,
        oh_text("close_code")                         as resolution,
        coalesce(oh_text("category"), 'Incident')     as type,
        oh_text("priority")                           as priority,   -- "1 - Critical" as exported
        coalesce(oh_text("caller_id"), oh_text("opened_by")) as reporter_id,
        oh_text("assigned_to")                        as assignee_id,
        oh_text("assignment_group")                   as team,
        coalesce(oh_text("company"), oh_text("u_account"), oh_text("account")) as account,
        list_filter(list_transform(string_split(coalesce(oh_text("sys_tags"), ''), ','),
                                   lambda x: trim(x)), lambda x: x <> '') as labels,
        []::varchar[]                                 as components,
        0                                             as sprint_count,
        coalesce(oh_text("u_root_cause_team"), oh_text("u_blamed_team")) as blamed_raw,
        list_filter([oh_text("parent_incident"), oh_text("problem_id")], lambda x: x is not null) as linked_ids,
        _rec,
        coalesce(
            oh_missing("number", 'number'),
            oh_missing("opened_at", 'opened_at'),
            oh_bad_when("opened_at", 'opened_at', '2025-02-13 15:46:06'),
            oh_bad_when("sys_updated_on", 'sys_updated_on', '2025-02-13 15:46:06'),
            oh_bad_when("resolved_at", 'resolved_at', '2025-02-13 15:46:06'),
            oh_bad_when("closed_at", 'closed_at', '2025-02-13 15:46:06'),
            oh_bad_when("due_date", 'due_date', '2025-02-13 15:46:06')
        ) as _reason
    from incidents
)

select * from final
