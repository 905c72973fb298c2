-- history_add: record one snapshot's numbers
-- grain: one row inserted
-- sources: none
-- params: $as_of, $data_to, $db_hash, $numbers
insert into snapshot_history values (current_timestamp, $as_of, $data_to, $db_hash, $numbers)
