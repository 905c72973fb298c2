-- org_layers: how many people sit at each layer below the top, by function, on one month
-- grain: one row per layer and function
-- sources: person_months
-- params: $month (first day of a month)
with final as (
    select depth as layer, coalesce(function, 'other') as function, count(*)::bigint as headcount
    from person_months
    where month = $month and depth is not null
    group by all
    order by layer, function
)

select * from final
