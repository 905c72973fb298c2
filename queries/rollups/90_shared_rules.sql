-- shared_rules: the rules several warning signs, their evidence and the reporting-line case
--   share (the window, the privacy minimum, which people, hours and accounts count), kept
--   here once as table macros stored in the database; the queries call them with their $params
-- grain: no rows; each macro's own comment gives the grain of what it returns
-- sources: person_months, unit_months, hours_by_person_month, hours_by_person_week,
--   ticket_facts, project_hours, deals
-- params: none (macros take their values as arguments when a query calls them)
-- Runs after the other rollups: a table macro is checked against the tables it reads when it is
-- created. Parameter names carry a prefix so they never shadow a column of the same name.

-- which version of these rules the database holds; orghealth.db refuses an older one
create or replace macro orghealth_schema_version() as 3;

-- the months a sign looks at: whole calendar months from the one holding from_date to the one
-- holding to_date, with the team asked for (null = all) and the privacy minimum
-- grain: one row
create or replace macro signal_window(from_date, to_date, for_team := null, privacy_min := null)
as table
    select date_trunc('month', from_date::date)::date as first_month,
           date_trunc('month', to_date::date)::date as last_month,
           for_team::varchar as team,
           privacy_min::integer as min_people;

-- every month of the window
-- grain: one row per month
create or replace macro window_months(from_date, to_date) as table
    select unnest(generate_series(first_month, last_month, interval 1 month))::date as period
    from signal_window(from_date, to_date);

-- privacy, the one rule every sign and its evidence follow: a team is named or counted in a
-- month only if it had at least privacy_min people that month. A sign about one function
-- (professional services, sales, operations) counts the team's people of that function, the
-- people its number is about; months are judged one by one, so a team below the minimum in
-- some months is hidden in those months only (docs/reliability.md, "Nobody is exposed")
-- grain: one row per team per month that may be shown, with its people
create or replace macro shown_team_months(from_date, to_date, privacy_min, for_function := null)
as table
    select u.unit, u.month, sum(u.people)::bigint as people
    from unit_months as u, signal_window(from_date, to_date, null, privacy_min) as w
    where u.unit is not null
      and u.month between w.first_month and w.last_month
      and (for_function is null or u.function = for_function)
    group by u.unit, u.month
    having sum(u.people) >= any_value(w.min_people);

-- privacy, the same rule for a sign about a whole function (or one team's part of it, when a
-- team is given): the months in which it had at least privacy_min people
-- grain: one row per month that may be shown, with its people
create or replace macro shown_function_months(from_date, to_date, privacy_min, for_function,
                                              for_team := null) as table
    select u.month, sum(u.people)::bigint as people
    from unit_months as u, signal_window(from_date, to_date, for_team, privacy_min) as w
    where u.month between w.first_month and w.last_month
      and u.function = for_function
      and (w.team is null or u.unit = w.team)
    group by u.month
    having sum(u.people) >= any_value(w.min_people);

-- the rows of a monthly table (one with month, function and unit columns) in the window, of
-- one function (null = all) and one team (null = all); the three below name the table
-- grain: as the table
create or replace macro window_rows(table_name, from_date, to_date, for_function := null,
                                    for_team := null) as table
    select r.*
    from query_table(table_name) as r, signal_window(from_date, to_date, for_team) as w
    where r.month between w.first_month and w.last_month
      and (for_function is null or r.function = for_function)
      and (w.team is null or r.unit = w.team);

-- people in the window (person_months rows)
create or replace macro window_person_months(from_date, to_date, for_function := null,
                                             for_team := null) as table
    select * from window_rows('person_months', from_date, to_date, for_function, for_team);

-- time logged in the window (hours_by_person_month rows)
create or replace macro window_hours(from_date, to_date, for_function := null,
                                     for_team := null) as table
    select * from window_rows('hours_by_person_month', from_date, to_date, for_function, for_team);

-- the same, week by week (hours_by_person_week rows)
create or replace macro window_weeks(from_date, to_date, for_function := null,
                                     for_team := null) as table
    select * from window_rows('hours_by_person_week', from_date, to_date, for_function, for_team);

-- the accounts a team serves: it logs time on them in the window or owns tickets on them
-- grain: one row per account
create or replace macro team_accounts(from_date, to_date, for_team) as table
    select distinct h.account
    from hours_by_person_month as h, signal_window(from_date, to_date, for_team) as w
    where h.unit = w.team and h.account is not null
      and h.month between w.first_month and w.last_month
    union
    select distinct account from ticket_facts
    where owner_unit = for_team::varchar and account is not null;

-- the projects a team worked on: it logged time on them
-- grain: one row per project
create or replace macro team_projects(for_team) as table
    select distinct project from project_hours where unit = for_team::varchar;

-- flagged, then blamed: an escalation blamed on professional services, with each warning
-- professional services raised on the same account in the 180 days before it that had been
-- deferred or closed without action by the time of the escalation. A sprint carry-over has
-- no date: with undated_carryovers it counts as deferred before (the scapegoating sign), without
-- it only dated deferrals count (the reporting-line case).
-- grain: one row per escalation and earlier warning (the warning's columns, as ticket_facts)
create or replace macro warned_then_blamed(undated_carryovers) as table
    select e.ticket_id as escalation_id, e.created_month as escalation_month, w.*
    from ticket_facts as e
    join ticket_facts as w
      on w.account = e.account
     and w.created_at < e.created_at
     and w.created_at >= e.created_at - interval 180 day
     and (w.first_deferral_at < e.created_at
          or (undated_carryovers and w.first_deferral_at is null and w.deferral_count > 0)
          or (w.is_closed_unresolved and w.resolved_at < e.created_at))
    where e.is_escalation and e.blamed_function = 'ps'
      and w.is_proactive_warning and w.reporter_function = 'ps' and w.account is not null
      and (w.deferral_count > 0 or w.is_closed_unresolved);

-- pre-sales people in the window while outside Sales: when first seen, and their team then
-- grain: one row per person
create or replace macro presales_independent(from_date, to_date) as table
    select person_id, min(month) as first_seen, any_value(unit order by month) as home_unit
    from window_person_months(from_date, to_date)
    where function = 'presales' and not reports_into_sales
    group by person_id;

-- those of them whose reporting line later moved into Sales within the window, and when
-- grain: one row per person who moved
create or replace macro presales_moves(from_date, to_date) as table
    select i.person_id, i.home_unit, min(m.month) as moved_in
    from presales_independent(from_date, to_date) as i
    join window_person_months(from_date, to_date) as m
      on m.person_id = i.person_id and m.month > i.first_seen and m.reports_into_sales
    group by all;

-- the pre-sales group month by month: pre-sales people, and those who moved out of it into
-- Sales; with a team, those whose team before the move (or, never moved, now) is that team
-- grain: one row per person per month (person_months, with moved_in and home_unit)
create or replace macro presales_group(from_date, to_date, for_team := null) as table
    select m.*, mv.moved_in, i.home_unit
    from window_person_months(from_date, to_date) as m
    left join presales_independent(from_date, to_date) as i on i.person_id = m.person_id
    left join presales_moves(from_date, to_date) as mv on mv.person_id = m.person_id
    cross join signal_window(from_date, to_date, for_team) as w
    where (m.function = 'presales' or mv.person_id is not null)
      and (w.team is null or coalesce(i.home_unit, m.unit) = w.team);

-- deals won in the window, with their owner's name and team in the month they closed; only
-- those of one team's owners when a team is given
-- grain: one row per deal (as deals)
create or replace macro won_deals(from_date, to_date, for_team := null) as table
    select d.*, pm.name as owner_name, pm.unit as owner_unit
    from deals as d
    left join person_months as pm
      on pm.person_id = d.owner_id and pm.month = date_trunc('month', d.closed_at)
    cross join signal_window(from_date, to_date, for_team) as w
    where d.is_won
      and date_trunc('month', d.closed_at) between w.first_month and w.last_month
      and (w.team is null or pm.unit = w.team);

-- privacy for the won-deals signs: the people behind each month are the distinct owners of the
-- deals won (with their scope facts known) in the twelve months up to it
-- grain: one row per month of the window with a won deal in those twelve months
create or replace macro won_deal_owners(from_date, to_date, for_team := null) as table
    select m.period, count(distinct d.owner_id) as owners
    from window_months(from_date, to_date) as m
    join won_deals(from_date, to_date, for_team) as d
      on date_trunc('month', d.closed_at)::date > m.period - interval 12 month
     and date_trunc('month', d.closed_at)::date <= m.period
    where d.scope_changed_at_close is not null and d.delivery_consulted is not null
    group by m.period;

-- who scoped each project: every person of its scoped_by list with their place in it, their
-- name and function when the project started (function_then; function falls back to their
-- latest known one), and the project's way of scoping
-- grain: one row per project per person in its list
create or replace macro project_scopers() as table
    with scoped as (
        select project_id, started_at, unnest(scoped_by) as person_id,
               generate_subscripts(scoped_by, 1) as pos
        from projects
    ),

    latest_function as (
        select person_id, arg_max(function, month) as function
        from person_months
        where person_id in (select person_id from scoped)
        group by person_id
    ),

    scopers as (
        select s.project_id, s.person_id, s.pos, pm.name, pm.function as function_then,
               coalesce(pm.function, lf.function) as function
        from scoped as s
        left join person_months as pm
          on pm.person_id = s.person_id and pm.month = date_trunc('month', s.started_at)
        left join latest_function as lf on lf.person_id = s.person_id
    )

    select *,
           case when bool_or(function in ('ps', 'presales')) over p then 'Scoped with delivery'
                when bool_and(function = 'sales') over p then 'Scoped by Sales alone'
                else 'Scoped by others' end as way
    from scopers
    window p as (partition by project_id);

-- the projects the under-scoping sign reads: live, estimated, begun inside the window (one
-- begun before has hours logged before it: it would look short), of one team's when given
-- grain: one row per project (projects, with its way of scoping and the month it went live)
create or replace macro scoped_live_projects(from_date, to_date, for_team := null) as table
    select p.*, s.way, date_trunc('month', p.go_live_at)::date as live_month
    from projects as p
    join (select distinct project_id, way from project_scopers()) as s using (project_id)
    cross join signal_window(from_date, to_date, for_team) as w
    where p.go_live_at is not null and p.estimated_hours > 0
      and p.started_at >= w.first_month
      and (w.team is null or p.project_id in (select project from team_projects(for_team)));

-- privacy for the under-scoping sign: the people behind a way of scoping in a month are those
-- who scoped its projects that went live in the twelve months up to it
-- grain: one row per month per way of scoping
create or replace macro scoping_group_months(from_date, to_date, for_team := null) as table
    select m.period, l.way, count(distinct s.person_id) as scopers
    from window_months(from_date, to_date) as m
    join scoped_live_projects(from_date, to_date, for_team) as l
      on l.live_month > m.period - interval 12 month and l.live_month <= m.period
    join project_scopers() as s on s.project_id = l.project_id
    group by all;

-- the professional services unit that serves each account: the one logging most hours on it
-- grain: one row per account
create or replace macro ps_account_unit() as table
    select account, arg_max(unit, hours) as unit
    from (
        select account, unit, sum(hours) as hours
        from hours_by_person_month
        where function = 'ps' and unit is not null and account is not null
        group by all
    )
    group by account;

-- professional services units month by month, only in the months the ticket data covers (a
-- month with people but no tickets exported is not a month of silence)
-- grain: one row per unit per month
create or replace macro ps_unit_months_with_tickets() as table
    select u.unit, u.month, u.people
    from unit_months as u,
         (select min(created_month) as first_month, max(created_month) as last_month
          from ticket_facts) as w
    where u.function = 'ps' and u.unit is not null
      and u.month between w.first_month and w.last_month;
