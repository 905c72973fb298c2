-- rule_matches: which classification rules each subject satisfies, and how often each rule word hit
-- grain: rule_matches = one row per subject per satisfied rule; rule_hits += one row per rule word
-- sources: subjects (rule_set, sid, field, text_norm, weight), rule_words (the rules in force)
-- params: none (a script: creates temp table rule_matches, appends to rule_hits)
create or replace temp table word_hits as
select distinct s.rule_set, s.sid, s.weight, w.rule_no, w.cond_no, w.field, w.word,
       w.field_rank, length(w.word_norm) as word_len
from subjects s
join rule_words w on w.rule_set = s.rule_set and w.field = s.field
-- whole words: both sides are padded with spaces after punctuation became spaces
where (w.word = '*' and s.text_norm <> ' ') or contains(s.text_norm, w.word_norm);

create or replace temp table rule_matches as
with per_rule as (
    select rule_set, sid, rule_no, count(distinct cond_no) as conds,
           min(field_rank) as field_rank, max(word_len) as word_len
    from word_hits
    group by rule_set, sid, rule_no
),
rules as (
    select distinct rule_set, rule_no, class, priority, n_conds from rule_words
)
-- a rule holds when every one of its conditions matched
select p.rule_set, p.sid, p.rule_no, r.class, r.priority, p.field_rank, p.word_len
from per_rule p join rules r using (rule_set, rule_no)
where p.conds = r.n_conds;

insert into rule_hits
select w.rule_set, w.class, w.field, w.word,
       coalesce(sum(h.weight) filter (where m.sid is not null), 0)::bigint as matched
from rule_words w
left join word_hits h
       on h.rule_set = w.rule_set and h.rule_no = w.rule_no and h.cond_no = w.cond_no
      and h.field = w.field and h.word = w.word
left join rule_matches m on m.rule_set = h.rule_set and m.sid = h.sid and m.rule_no = h.rule_no
where w.rule_set in (select distinct rule_set from subjects)
group by w.rule_set, w.rule_no, w.cond_no, w.class, w.field, w.word
order by w.rule_set, w.rule_no, w.cond_no, w.field, w.word;
