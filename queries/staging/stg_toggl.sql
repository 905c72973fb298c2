-- stg_toggl: one Toggl Track detailed report → time entries
-- grain: one row per time entry
-- sources: src (the file as text; durations hh:mm:ss stay text and are parsed here)
-- params: none
with entries as (select * from src),

final as (
    select
        coalesce(lower(oh_text("Email")), oh_text("User"))  as person_id,
        oh_date("Start date")                        as date,
        oh_hours("Duration")                         as hours,
        oh_text("Client")                            as account,
        oh_text("Project")                           as project,
        oh_text("Project")                           as project_name,
        oh_text("Task")                              as task,
        -- tags carry the kind of work as often as the description does
        nullif(concat_ws(' | ', oh_text("Description"), oh_text("Tags")), '') as notes,
        oh_bool("Billable")                          as billable,
        _rec,
        coalesce(
            oh_missing("Start date", 'Start date'),
            oh_bad_date("Start date", 'Start date', '2018-10-08'),
            oh_missing("Duration", 'Duration'),
            oh_bad_hours("Duration", 'Duration'),
            case when coalesce(oh_text("Email"), oh_text("User")) is null
                 then 'the person is missing (no User or Email); fill it in or remove the row' end
        ) as _reason
    from entries
)

select * from final
