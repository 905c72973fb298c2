-- classify_blame: the blamed function of each ticket, reading its root-cause value with the function rules
-- grain: subjects = one row per distinct root-cause value
-- sources: tickets.blamed_raw
-- params: none (a script)
create or replace temp table blame_subjects as
select row_number() over () as sid, blamed_raw, count(*) as n
from tickets where blamed_raw is not null group by blamed_raw;

create or replace temp table subjects as
select 'blame' as rule_set, sid, 'department' as field, oh_norm(blamed_raw) as text_norm, n as weight
from blame_subjects;
