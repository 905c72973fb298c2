-- months: the months that have people in them, for the "as of" picker of the org chart
-- grain: one row per month
-- sources: person_months
-- params: none
with final as (
    select month, count(*)::bigint as headcount
    from person_months
    group by month
    order by month
)

select * from final
