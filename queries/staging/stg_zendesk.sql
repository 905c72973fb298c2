-- stg_zendesk: one Zendesk tickets export (legacy CSV, or JSON renamed to the CSV's columns) → ticket rows
-- grain: one row per ticket
-- sources: src (the file as text; Tags space-separated; custom fields as "Name [list]")
-- params: none
with exported as (select * from src),

final as (
    select
        oh_text("Id")                                 as ticket_id,
        null::varchar                                 as project_key,
        oh_text("Subject")                            as summary,
        oh_when("Created at")                         as created_at,
        oh_when("Updated at")                         as updated_at,
        oh_when("Solved at")                          as resolved_at,
        oh_when("Due date")::date                     as due_at,
        oh_text("Status")                             as status,
        case when lower(oh_text("Status")) in ('new', 'open') then 'to do'
             when lower(oh_text("Status")) in ('solved', 'closed') then 'done'
             when oh_text("Status") is not null then 'in progress' end as status_category,
        null::varchar                                 as resolution,
        oh_text("Ticket type")                        as type,
        oh_text("Priority")                           as priority,
        oh_text("Requester")                          as reporter_id,
        oh_text("Assignee")                           as assignee_id,
        coalesce(oh_text("Team [list]"), oh_text("Group")) as team,
        coalesce(oh_text("Account [list]"), oh_text("Organization")) as account,
        -- one cell, tags separated by spaces
        list_filter(string_split(coalesce(oh_text("Tags"), ''), ' '), lambda x: x <> '') as labels,
        []::varchar[]                                 as components,
        0                                             as sprint_count,
        coalesce(oh_text("Root Cause Team [list]"), oh_text("Blamed Team [list]")) as blamed_raw,
        []::varchar[]                                 as linked_ids,
        _rec,
        coalesce(
            oh_missing("Id", 'Id'),
            oh_missing("Created at", 'Created at'),
            oh_bad_when("Created at", 'Created at', '2025-03-04 10:11'),
            oh_bad_when("Updated at", 'Updated at', '2025-03-04 10:11'),
            oh_bad_when("Solved at", 'Solved at', '2025-03-04 10:11'),
            oh_bad_when("Due date", 'Due date', '2025-03-04')
        ) as _reason
    from exported
)

select * from final
