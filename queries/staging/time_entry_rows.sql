-- time_entry_rows: the step every time-tracking export shares, after its own stg_<format> step
-- grain: one row per logged entry
-- sources: format_rows (the format's step: canonical columns parsed, plus _date_cell and _hours_cell
--          as the file has them, _also = a further problem with the hours only that format
--          knows, and _say = the file's own names for its columns, so a reason speaks its language)
-- params: none
with named as (select * from format_rows),

final as (
    select
        person_id, date, hours, account, project, project_name, task, notes, billable,
        _rec,
        case
            when oh_text(_date_cell) is null then oh_missing(_date_cell, _say.date)
            when date is null then
                _say.date || ': ''' || _date_cell || ''' is not a date like ' || _say.date_like
                || '; fix the cell or re-export the file'
            when oh_text(_hours_cell) is null then oh_missing(_hours_cell, _say.hours)
            when hours is null or _also is not null then coalesce(_also,
                _say.hours || ': ''' || _hours_cell || ''' is not ' || _say.hours_like
                || '; fix the cell or re-export the file')
            -- inf, NaN and 1e309 are no hours at all, and no row of any export holds more hours
            -- than a month has (744); a per-day limit needs daily rows, which not every export has
            when not isfinite(hours) or hours > 744 then
                _say.hours || ': ''' || _hours_cell || ''' is not a number of hours anyone could '
                || 'have logged (more than a month of days and nights, or not a finite number); '
                || 'fix the cell or re-export the file'
            -- a spreadsheet's empty date reads as 1899-12-30, a blank one in some tools as 0001-01-01
            when date < date '1990-01-01' then
                _say.date || ': ''' || _date_cell || ''' is before 1990, so it is no real date of '
                || 'work (an empty spreadsheet date reads as 1899-12-30); fix the cell or re-export the file'
            when person_id is null
                then 'the person is missing (no ' || _say.person || '); fill it in or remove the row'
        end as _reason
    from named
)

select * from final
