-- classify_people_apply: write the winning function onto each people row
-- grain: updates people.function (rows loaded with a function keep it)
-- sources: function_subjects, rule_matches, people, function_settings (no_manager, otherwise)
-- params: none (a script)
create or replace temp table function_winner as
select f.title, f.department, f.division, s.no_manager,
       -- the explicit priority first, then the field listed first, then the longer phrase
       coalesce(first(m.class order by m.priority desc, m.field_rank, m.word_len desc, m.rule_no),
                any_value(s.otherwise)) as function,
       count(m.class) > 0 as matched
from function_subjects f
left join rule_matches m on m.sid = f.sid
cross join function_settings s
group by f.title, f.department, f.division, s.no_manager;

update people set function = case
        when people.manager_id is null and w.no_manager <> '' then w.no_manager
        else w.function end,
    function_source = case
        when people.manager_id is null and w.no_manager <> '' then 'top'
        when w.matched then 'rule'
        else 'no rule matched' end
from function_winner w
where people.title is not distinct from w.title
  and people.department is not distinct from w.department
  and people.division is not distinct from w.division
  and people.function is null;
