-- stg_clockify: one Clockify detailed report → time entries
-- grain: one row per time entry (an entry that runs past midnight counts on the day it started)
-- sources: src (the file as text; Duration (h) is hh:mm:ss and may pass 24 hours);
--          staging/time_entry_rows gives the reasons
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
        "Start Date"                                  as _date_cell,
        coalesce(oh_text("Duration (decimal)"), "Duration (h)") as _hours_cell,
        -- either duration column can be wrong while the other one reads
        coalesce(oh_bad_hours("Duration (h)", 'Duration (h)'),
                 oh_bad_num("Duration (decimal)", 'Duration (decimal)', '7.50')) as _also,
        {'date': 'Start Date', 'date_like': '21/01/2026', 'hours': 'Duration (h)',
         'hours_like': 'a duration like 07:30:00 or 7.5', 'person': 'User or Email'} as _say
    from entries
)

select * from final
