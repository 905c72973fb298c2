-- classify_time_apply: each time entry's activity: the best rule over its task, notes and project
-- grain: updates time_entries.activity (every row; nothing matched = the 'otherwise' class)
-- sources: time_subjects, rule_matches (set 'time'), time_settings
-- params: none (a script)
create or replace temp table time_winner as
select t.field, t.text,
       -- ordering key: explicit priority, then the field listed first, then the longer phrase
       max(struct_pack(p := m.priority, r := -m.field_rank, l := m.word_len, n := -m.rule_no,
                       c := m.class)) as k
from time_subjects t join rule_matches m on m.sid = t.sid
group by t.field, t.text;

update time_entries set activity = coalesce(x.k.c, x.otherwise)
from (
    select e.rowid as rid, s.otherwise, greatest(tk.k, nt.k, pj.k) as k
    from time_entries e
    cross join time_settings s
    left join time_winner tk on tk.field = 'task' and tk.text = e.task
    left join time_winner nt on nt.field = 'notes' and nt.text = e.notes
    left join time_winner pj on pj.field = 'project' and pj.text = coalesce(e.project_name, e.project)
) x
where time_entries.rowid = x.rid;
