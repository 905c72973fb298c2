-- ingest_accounting: what each file gave at ingest: rows read = rows loaded + rows rejected
-- grain: one row per file read
-- sources: ingest_log
-- params: none
with final as (
    select
        regexp_extract(file, '[^/\\]+$') as file,
        format,
        target_table as loaded_into,
        rows_read,
        rows_loaded,
        rows_rejected,
        note
    from ingest_log
    order by file
)

select * from final
