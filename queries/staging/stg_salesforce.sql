-- stg_salesforce: a Salesforce opportunity report (footer lines already set aside) → deals
-- grain: one row per opportunity
-- sources: src (the file as text; Amount may carry a currency code; "Amount Currency" in multi-currency orgs)
-- params: none
with opportunities as (select * from src),

final as (
    select
        coalesce(oh_text("Opportunity ID"),
                 oh_text("Account Name") || ' / ' || oh_text("Opportunity Name")) as deal_id,
        oh_text("Opportunity Name")                   as name,
        oh_text("Account Name")                       as account,
        oh_text("Opportunity Owner")                  as owner_id,
        oh_text("Stage")                              as stage,
        case when regexp_matches(lower(oh_text("Stage")), '\bclosed[ -]?won\b|^won$') then true
             when oh_text("Stage") is null then null else false end as is_won,
        oh_date("Created Date")                       as created_at,
        oh_date("Close Date")                         as closed_at,
        -- "USD 12,500.00" and "12,500.00" alike
        oh_num(regexp_replace(oh_text("Amount"), '^[A-Za-z]{3}\s+', '')) as amount,
        coalesce(oh_text("Amount Currency"), oh_text("Opportunity Currency"),
                 nullif(regexp_extract(oh_text("Amount"), '^([A-Za-z]{3})\s', 1), '')) as currency,
        null::date                                    as promised_go_live,
        null::boolean                                 as scope_changed_at_close,
        null::boolean                                 as delivery_consulted,
        null::double                                  as estimated_hours,
        _rec,
        coalesce(
            case when coalesce(oh_text("Opportunity ID"), oh_text("Opportunity Name")) is null
                 then 'the opportunity has no name or id; fill it in or remove the row' end,
            oh_bad_date("Close Date", 'Close Date', '3/31/2024'),
            oh_bad_date("Created Date", 'Created Date', '3/31/2024'),
            case when oh_text("Amount") is not null
                      and oh_num(regexp_replace(oh_text("Amount"), '^[A-Za-z]{3}\s+', '')) is null
                 then 'Amount: ''' || "Amount" || ''' is not an amount like 12,500.00; fix the cell or re-export the report' end
        ) as _reason
    from opportunities
)

select * from final
