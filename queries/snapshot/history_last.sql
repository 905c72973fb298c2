-- history_last: the latest snapshot written from this database
-- grain: at most one row
-- sources: snapshot_history
-- params: none
select numbers from snapshot_history order by made_at desc limit 1
