-- cross_team_collaboration evidence: delivery people's hours on selling and scoping work, per
--   person per month
-- grain: one row per person per month per kind of work
-- sources: hours_by_person_month, unit_months
-- params: $date_from, $date_to, $team, $min_group_size
with win as (
    select date_trunc('month', $date_from::date)::date as first_month,
           date_trunc('month', $date_to::date)::date as last_month,
           $team::varchar as team,
           $min_group_size::integer as min_people
),

shown_teams as (
    select unit from unit_months, win
    where month between first_month and last_month
    group by unit
    having max(people) >= any_value(min_people)
),

final as (
    select
        h.month as "Month",
        h.name as "Person",
        h.unit as "Team",
        h.activity as "Kind of work",
        h.account as "Account",
        round(sum(h.hours), 1) as "Hours"
    from hours_by_person_month as h, win
    where h.function = 'ps' and h.activity in ('selling', 'scoping')
      and h.month between win.first_month and win.last_month
      and (win.team is null or h.unit = win.team)
      and h.unit in (select unit from shown_teams)
    group by all
)

select * from final order by "Month", "Team", "Person"
