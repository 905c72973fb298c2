-- classify_tickets_apply: set the is_* flags of tickets from the rules they satisfy
-- grain: updates tickets (every row: a ticket no rule matched gets false)
-- sources: rule_matches (set 'ticket'), tickets
-- params: none (a script)
create or replace temp table ticket_classes as
select sid, list(distinct class) as classes from rule_matches group by sid;

update tickets set
    is_initiative           = coalesce(list_contains(c.classes, 'initiative'), false),
    is_revenue              = coalesce(list_contains(c.classes, 'revenue'), false),
    is_proactive_warning    = coalesce(list_contains(c.classes, 'proactive_warning'), false),
    is_escalation           = coalesce(list_contains(c.classes, 'escalation'), false),
    is_expectation_mismatch = coalesce(list_contains(c.classes, 'expectation_mismatch'), false)
from (select t.rowid as sid, c.classes from tickets t left join ticket_classes c on c.sid = t.rowid) c
where tickets.rowid = c.sid;
