-- stg_tempo: one Tempo worklogs export (headers already in English) → time entries
-- grain: one row per worklog
-- sources: src (the file as text; Hours in decimal, with a comma in some locales);
--          staging/time_entry_rows gives the reasons
-- params: none
with worklogs as (select * from src),

final as (
    select
        -- an email user name matches directly; else the full name is what HR knows
        case when contains(oh_text("Username"), '@') then lower(oh_text("Username"))
             else coalesce(oh_text("Full name"), oh_text("Username")) end as person_id,
        oh_date("Work date")                          as date,
        oh_num("Hours")                               as hours,
        coalesce(oh_text("Account Name"), oh_text("Customer")) as account,
        coalesce(oh_text("Account Key"), oh_text("Issue Key")) as project,
        oh_text("Account Name")                       as project_name,
        coalesce(oh_text("Activity"), oh_text("Issue summary")) as task,
        nullif(concat_ws(' | ', oh_text("Issue Key"), oh_text("Issue summary"), oh_text("Work Description")), '') as notes,
        case when oh_num("Billed Hours") is not null then oh_num("Billed Hours") > 0 end as billable,
        _rec,
        "Work date"                                   as _date_cell,
        "Hours"                                       as _hours_cell,
        null::varchar                                 as _also,
        {'date': 'Work date', 'date_like': '17/03/2025', 'hours': 'Hours', 'hours_like': 'a number like 7.5',
         'person': 'Username or Full name'}           as _say
    from worklogs
)

select * from final
