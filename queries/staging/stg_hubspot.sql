-- stg_hubspot: one HubSpot deals export → deals
-- grain: one row per deal
-- sources: src (the file as text; custom deal properties when the export has them)
-- params: none
with exported as (select * from src),

final as (
    select
        oh_text("Record ID")                         as deal_id,
        oh_text("Deal Name")                         as name,
        coalesce(oh_text("Associated Company"), oh_text("Company name"), oh_text("Associated Company (Primary)")) as account,
        -- a person who left shows as "name@example.com (Deactivated User)"
        nullif(trim(regexp_replace(oh_text("Deal owner"), '\s*\(deactivated user\)\s*$', '', 'i')), '') as owner_id,
        oh_text("Deal Stage")                        as stage,
        case when regexp_matches(lower(oh_text("Deal Stage")), '\bclosed[ -]?won\b|^won$') then true
             when oh_text("Deal Stage") is null then null else false end as is_won,
        oh_date("Create Date")                       as created_at,
        oh_date("Close Date")                        as closed_at,
        oh_num("Amount")                             as amount,
        oh_text("Currency")                          as currency,
        oh_date("Promised Go-Live Date")             as promised_go_live,
        oh_bool("Scope Changed At Close")            as scope_changed_at_close,
        oh_bool("Delivery Consulted")                as delivery_consulted,
        oh_num("Estimated Hours")                    as estimated_hours,
        _rec,
        coalesce(
            oh_missing("Record ID", 'Record ID'),
            oh_bad_date("Close Date", 'Close Date', '2023-04-04 11:48'),
            oh_bad_date("Create Date", 'Create Date', '2023-04-04 11:48'),
            oh_bad_num("Amount", 'Amount', '12500'),
            oh_bad_date("Promised Go-Live Date", 'Promised Go-Live Date', '2023-06-30'),
            oh_bad_bool("Scope Changed At Close", 'Scope Changed At Close'),
            oh_bad_bool("Delivery Consulted", 'Delivery Consulted'),
            oh_bad_num("Estimated Hours", 'Estimated Hours', '120')
        ) as _reason
    from exported
)

select * from final
