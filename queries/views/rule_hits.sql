-- rule_hits: what each classification rule matched at ingest
-- grain: one row per rule (rule set, class, field, pattern)
-- sources: rule_hits
-- params: none
with final as (
    select rule_set, class, field, pattern, matched
    from rule_hits
    order by rule_set, class, matched desc, field, pattern
)

select * from final
