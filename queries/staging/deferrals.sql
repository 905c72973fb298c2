-- deferrals: mark ticket-history events that defer work, and count them per ticket
-- grain: updates ticket_events.is_deferral and tickets.deferral_count
-- sources: ticket_events, tickets, deferral_settings (statuses, priority_order, due_date_later, sprint_carry_over)
-- params: none (a script)
create or replace temp table deferral_flags as
select e.rowid as rid,
    case
        -- moved into a parked status after the ticket was created
        when lower(e.field) = 'status' then
            list_contains(s.statuses, oh_norm(e.to_value))
            and not coalesce(list_contains(s.statuses, oh_norm(e.from_value)), false)
            and (t.created_at is null or e.at > t.created_at)
        -- priority moved down the configured order (lowest first)
        when lower(e.field) = 'priority' then
            coalesce(list_position(s.priority_order, oh_norm(e.to_value))
                     < list_position(s.priority_order, oh_norm(e.from_value)), false)
        -- due date pushed later
        when lower(replace(e.field, ' ', '')) = 'duedate' then
            s.due_date_later and coalesce(oh_date(e.to_value) > oh_date(e.from_value), false)
        -- carried into another sprint: a sprint added to a non-empty sprint list
        when lower(e.field) = 'sprint' then
            s.sprint_carry_over and oh_text(e.from_value) is not null
            and len(string_split(e.to_value, ',')) > len(string_split(e.from_value, ','))
        else false
    end as is_deferral,
    lower(e.field) = 'sprint' as is_sprint
from ticket_events e
cross join deferral_settings s
left join tickets t on t.ticket_id = e.ticket_id;

update ticket_events set is_deferral = f.is_deferral
from deferral_flags f where ticket_events.rowid = f.rid;

update tickets set deferral_count = x.n
from (
    select t.ticket_id,
           coalesce(d.other_deferrals, 0)
           -- carry-overs: the history's count or (sprints - 1), whichever is larger
           + greatest(coalesce(d.sprint_deferrals, 0),
                      case when s.sprint_carry_over
                           then greatest(coalesce(t.sprint_count, 0) - 1, 0) else 0 end) as n
    from tickets t
    cross join deferral_settings s
    left join (
        select e.ticket_id,
               count(*) filter (where f.is_deferral and not f.is_sprint) as other_deferrals,
               count(*) filter (where f.is_deferral and f.is_sprint) as sprint_deferrals
        from ticket_events e join deferral_flags f on f.rid = e.rowid
        group by e.ticket_id
    ) d on d.ticket_id = t.ticket_id
) x
where tickets.ticket_id = x.ticket_id;
