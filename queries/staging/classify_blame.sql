-- classify_blame: the blamed function of each ticket, reading its root-cause value with the function rules
-- grain: subjects = one row per distinct root-cause value
-- sources: tickets.blamed_raw and labels, blame_settings (label_prefix)
-- params: none (a script)
-- no root-cause field: a label made of the prefix and a function (rca-ps) names the blamed function
update tickets set blamed_raw = x.label
from (
    select t.ticket_id, list_filter(t.labels, lambda l: starts_with(lower(trim(l)), b.label_prefix))[1] as label
    from tickets t cross join blame_settings b
    where t.blamed_raw is null and b.label_prefix <> ''
) x
where tickets.ticket_id = x.ticket_id and x.label is not null and tickets.blamed_raw is null;

create or replace temp table blame_subjects as
select row_number() over () as sid, blamed_raw, count(*) as n
from tickets where blamed_raw is not null group by blamed_raw;

create or replace temp table subjects as
select 'blame' as rule_set, sid, 'department' as field, oh_norm(blamed_raw) as text_norm, n as weight
from blame_subjects;
