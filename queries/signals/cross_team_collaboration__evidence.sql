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
    where h.activity in ('selling', 'scoping')
      and h.unit in (select unit from shown_teams($date_from, $date_to, $min_group_size))
    group by all
)

select * from final order by "Month", "Team", "Person"
