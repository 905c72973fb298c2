-- stg_harvest: one Harvest detailed time report file → time entries
-- grain: one row per logged entry
-- sources: src (the file as text); staging/time_entry_rows gives the reasons
-- params: none
with entries as (select * from src),

-- each cell parsed once; ISO dates and plain numbers take the fast path
parsed as (
    select
        *,
        coalesce(try_cast(trim("Date") as date), oh_date("Date"))    as _date,
        coalesce(try_cast(trim("Hours") as double), oh_num("Hours")) as _hours
    from entries
),

final as (
    select
        -- the HR employee number when Harvest has it, else the person's name to be matched
        coalesce(oh_text("Employee Id"),
                 nullif(trim(concat_ws(' ', oh_text("First Name"), oh_text("Last Name"))), '')) as person_id,
        _date                                         as date,
        _hours                                        as hours,
        oh_text("Client")                             as account,
        coalesce(oh_text("Project Code"), oh_text("Project")) as project,
        oh_text("Project")                            as project_name,
        oh_text("Task")                               as task,
        oh_text("Notes")                              as notes,
        oh_bool("Billable?")                          as billable,
        _rec,
        "Date"                                        as _date_cell,
        "Hours"                                       as _hours_cell,
        null::varchar                                 as _also,
        {'date': 'Date', 'date_like': '2023-01-23', 'hours': 'Hours', 'hours_like': 'a number like 7.5',
         'person': 'Employee Id, First Name or Last Name'} as _say
    from parsed
)

select * from final
