-- classify_tickets: the words rules read on each ticket (labels, type, priority, components ...)
-- grain: subjects = one row per ticket per field value
-- sources: tickets
-- params: none (a script)
create or replace temp table subjects as
select 'ticket' as rule_set, sid, field, oh_norm(text) as text_norm, 1 as weight
from (
    select rowid as sid, 'labels' as field, unnest(labels) as text from tickets
    union all select rowid, 'components', unnest(components) from tickets
    union all select rowid, 'type', type from tickets
    union all select rowid, 'priority', priority from tickets
    union all select rowid, 'status', status from tickets
    union all select rowid, 'account', account from tickets
    union all select rowid, 'team', team from tickets
)
where text is not null;
