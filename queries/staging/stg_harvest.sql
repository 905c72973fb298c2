-- stg_harvest: one Harvest detailed time report file → time entries
-- grain: one row per logged entry
-- sources: src (the file as text)
-- params: none
with entries as (select * from src),

final as (
    select
        -- the HR employee number when Harvest has it, else the person's name to be matched
        coalesce(oh_text("Employee Id"),
                 nullif(trim(concat_ws(' ', oh_text("First Name"), oh_text("Last Name"))), '')) as person_id,
        oh_date("Date")                               as date,
        oh_num("Hours")                               as hours,
        oh_text("Client")                             as account,
        coalesce(oh_text("Project Code"), oh_text("Project")) as project,
        oh_text("Project")                            as project_name,
        oh_text("Task")                               as task,
        oh_text("Notes")                              as notes,
        oh_bool("Billable?")                          as billable,
        _rec,
        coalesce(
            oh_missing("Date", 'Date'),
            oh_bad_date("Date", 'Date', '2023-01-23'),
            oh_missing("Hours", 'Hours'),
            oh_bad_num("Hours", 'Hours', '7.5'),
            case when coalesce(oh_text("Employee Id"), oh_text("First Name"), oh_text("Last Name")) is null
                 then 'the person is missing (no Employee Id, First Name or Last Name); fill it in or remove the row' end
        ) as _reason
    from entries
)

select * from final
