-- classify_time: the words rules read on time entries, one subject per distinct task / notes / project
-- grain: subjects = one row per field per distinct value (weight = entries with it)
-- sources: time_entries
-- params: none (a script)
create or replace temp table time_subjects as
select row_number() over () as sid, field, text, n
from (
    select 'task' as field, task as text, count(*) as n from time_entries where task is not null group by task
    union all
    select 'notes', notes, count(*) from time_entries where notes is not null group by notes
    union all
    select 'project', coalesce(project_name, project), count(*) from time_entries
    where coalesce(project_name, project) is not null group by coalesce(project_name, project)
);

create or replace temp table subjects as
select 'time' as rule_set, sid, field, oh_norm(text) as text_norm, n as weight from time_subjects;
