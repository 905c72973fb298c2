-- stg_toggl: one Toggl Track detailed report → time entries
-- grain: one row per time entry
-- sources: src (the file as text; durations hh:mm:ss stay text and are parsed here);
--          staging/time_entry_rows gives the reasons
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
        "Start date"                                 as _date_cell,
        "Duration"                                   as _hours_cell,
        null::varchar                                as _also,
        {'date': 'Start date', 'date_like': '2018-10-08', 'hours': 'Duration',
         'hours_like': 'a duration like 07:30:00 or 7.5', 'person': 'User or Email'} as _say
    from parsed
)

select * from final
