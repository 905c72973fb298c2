-- stg_toggl: one Toggl Track detailed report → time entries
-- grain: one row per time entry
-- sources: src (the file as text; durations hh:mm:ss stay text and are parsed here)
-- params: none
with entries as (select * from src),

-- each cell parsed once; ISO dates take the fast path
parsed as (
    select
        *,
        coalesce(try_cast(trim("Start date") as date), oh_date("Start date")) as _date,
        oh_hours("Duration")                                                  as _hours
    from entries
),

final as (
    select
        coalesce(lower(oh_text("Email")), oh_text("User"))  as person_id,
        _date                                        as date,
        _hours                                       as hours,
        oh_text("Client")                            as account,
        oh_text("Project")                           as project,
        oh_text("Project")                           as project_name,
        oh_text("Task")                              as task,
        -- tags carry the kind of work as often as the description does
        nullif(concat_ws(' | ', oh_text("Description"), oh_text("Tags")), '') as notes,
        oh_bool("Billable")                          as billable,
        _rec,
        case
            when oh_text("Start date") is null then oh_missing("Start date", 'Start date')
            when _date is null then
                'Start date: ''' || "Start date" || ''' is not a date like 2018-10-08; fix the cell or re-export the file'
            when oh_text("Duration") is null then oh_missing("Duration", 'Duration')
            when _hours is null then
                'Duration: ''' || "Duration" || ''' is not a duration like 07:30:00 or 7.5; fix the cell or re-export the file'
            when coalesce(oh_text("Email"), oh_text("User")) is null
                then 'the person is missing (no User or Email); fill it in or remove the row'
        end as _reason
    from parsed
)

select * from final
