-- classify_people: each people row's function from its title, department and division
-- grain: updates people.function (one value per row)
-- sources: people, rule_words (set 'function'); uses rule_matches.sql through classify.py
-- params: none (a script; classify.py runs it in two halves around rule_matches)
create or replace temp table function_subjects as
select row_number() over () as sid, title, department, division, n
from (select title, department, division, count(*) as n from people group by all);

create or replace temp table subjects as
select 'function' as rule_set, sid, field, oh_norm(text) as text_norm, n as weight
from (
    select sid, 'title' as field, title as text, n from function_subjects
    union all select sid, 'department', department, n from function_subjects
    union all select sid, 'division', division, n from function_subjects
)
where text is not null;
