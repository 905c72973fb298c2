-- classify_blame_apply: write tickets.blamed_function
-- grain: updates tickets with a root-cause value; one the rules cannot read becomes 'other'
-- sources: blame_subjects, rule_matches (set 'blame')
-- params: none (a script)
update tickets set blamed_function = w.function
from (
    select b.blamed_raw,
           coalesce(first(m.class order by m.priority desc, m.word_len desc, m.rule_no), 'other') as function
    from blame_subjects b left join rule_matches m on m.sid = b.sid
    group by b.blamed_raw
) w
where tickets.blamed_raw = w.blamed_raw;
