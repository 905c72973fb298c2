-- history_create: the snapshot history, one row per snapshot written from this database
-- grain: one row per snapshot
-- sources: none (created by the snapshot command; kept apart from the refresh history)
-- params: none
create table if not exists snapshot_history (
    made_at timestamp,     -- when the snapshot was written
    as_of   date,          -- the date printed on its cover
    data_to date,          -- the last day of data it covered
    db_hash varchar,       -- SHA-256 of the database file it read
    numbers json           -- every sign's figure and status, and the case's verdict
);
