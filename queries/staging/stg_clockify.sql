-- stg_clockify: one Clockify detailed report → time entries
-- grain: one row per time entry (an entry that runs past midnight counts on the day it started)
-- sources: src (the file as text; Duration (h) is hh:mm:ss and may pass 24 hours)
-- params: none
with entries as (select * from src),

final as (
    select
        coalesce(lower(oh_text("Email")), oh_text("User")) as person_id,
        oh_date("Start Date")                         as date,
        -- the decimal column is exact; hh:mm:ss is the fallback when it is missing
        coalesce(oh_num("Duration (decimal)"), oh_hours("Duration (h)")) as hours,
        oh_text("Client")                             as account,
        oh_text("Project")                            as project,
        oh_text("Project")                            as project_name,
        oh_text("Task")                               as task,
        nullif(concat_ws(' | ', oh_text("Description"), oh_text("Tags")), '') as notes,
        oh_bool("Billable")                           as billable,
        _rec,
        coalesce(
            oh_missing("Start Date", 'Start Date'),
            oh_bad_date("Start Date", 'Start Date', '21/01/2026'),
            case when oh_text("Duration (decimal)") is null then oh_missing("Duration (h)", 'Duration (h)') end,
            oh_bad_hours("Duration (h)", 'Duration (h)'),
            oh_bad_num("Duration (decimal)", 'Duration (decimal)', '7.50'),
            case when coalesce(oh_text("Email"), oh_text("User")) is null
                 then 'the person is missing (no User or Email); fill it in or remove the row' end
        ) as _reason
    from entries
)

select * from final
