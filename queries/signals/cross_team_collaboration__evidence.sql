-- cross_team_collaboration evidence: delivery people's hours on selling and scoping work, per
--   person per month
-- grain: one row per person per month per kind of work
-- sources: hours_by_person_month, unit_months
-- params: $date_from, $date_to, $team, $min_group_size
with final as (
    select
        h.month as "Month",
        h.name as "Person",
        h.unit as "Team",
        h.activity as "Kind of work",
        h.account as "Account",
        round(sum(h.hours), 1) as "Hours"
    from window_hours($date_from, $date_to, 'ps', $team) as h
    -- privacy: the sign's own rule, month by month
    semi join shown_team_months($date_from, $date_to, $min_group_size, 'ps') as s
      on s.unit = h.unit and s.month = h.month
    where h.activity in ('selling', 'scoping')
    -- by person id too: two people of the same name stay two rows
    group by h.month, h.person_id, h.name, h.unit, h.activity, h.account
)

-- every column in the order: rows that tie on all of them are the same bytes
select * from final
order by "Month", "Team", "Person", "Kind of work", "Account" nulls first, "Hours"
