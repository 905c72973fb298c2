-- people_periods: reporting-line rows from HR exports → one row per person per unchanged period
-- grain: one row per person per period (valid_to exclusive, null = still current)
-- sources: hr_rows (job-history rows with an effective date, or monthly snapshots)
-- params: none
with history as (
    select * from hr_rows where not is_snapshot
),

-- job-history rows: each row starts a period that lasts until the person's next row
history_ordered as (
    select
        *,
        coalesce(effective_date, hire_date, date '1970-01-01') as starts_on,
        -- two rows on one day: the later line in the file is the one in force
        row_number() over (partition by person_id, coalesce(effective_date, hire_date)
                           order by source_file desc, _rec desc) as same_day_rank
    from history
),

history_periods as (
    select
        person_id,
        last_value(name ignore nulls) over p_all as name,
        last_value(email ignore nulls) over p_all as email,
        department, division, title, manager_ref, manager_ref_kind, location,
        max(hire_date) over p_all as hire_date,
        max(termination_date) over p_all as termination_date,
        starts_on as valid_from,
        coalesce(lead(starts_on) over p_ordered,
                 max(termination_date) over p_all + 1) as valid_to,
        source_file
    from history_ordered
    where same_day_rank = 1
    window p_ordered as (partition by person_id order by starts_on),
           p_all as (partition by person_id order by starts_on
                     rows between unbounded preceding and unbounded following)
),

-- monthly snapshots: consecutive identical snapshots collapse into one period
snapshots as (
    select * from hr_rows where is_snapshot
),

snapshot_dates as (
    select effective_date, row_number() over (order by effective_date) as snap_no
    from (select distinct effective_date from snapshots)
),

snapshot_rows as (
    select s.*, d.snap_no,
           struct_pack(s.manager_ref, s.department, s.division, s.title, s.location) as line
    from snapshots s join snapshot_dates d using (effective_date)
),

snapshot_marked as (
    -- a new period starts when the line changed or the person was missing from the last snapshot
    select
        *,
        case when lag(snap_no) over w = snap_no - 1 and lag(line) over w is not distinct from line
             then 0 else 1 end as starts_period
    from snapshot_rows
    window w as (partition by person_id order by snap_no)
),

snapshot_runs as (
    select *, sum(starts_period) over (partition by person_id order by snap_no) as run_no
    from snapshot_marked
),

snapshot_periods as (
    select
        r.person_id,
        any_value(r.name) as name, any_value(r.email) as email,
        any_value(r.department) as department, any_value(r.division) as division,
        any_value(r.title) as title, any_value(r.manager_ref) as manager_ref,
        any_value(r.manager_ref_kind) as manager_ref_kind, any_value(r.location) as location,
        min(r.hire_date) as hire_date, null::date as termination_date,
        min(r.effective_date) as valid_from,
        max(r.snap_no) as last_snap,
        any_value(r.source_file) as source_file
    from snapshot_runs r
    group by r.person_id, r.run_no
),

snapshot_closed as (
    -- the period ends at the first snapshot where the person is absent or changed
    select p.* exclude (last_snap), d.effective_date as valid_to
    from snapshot_periods p left join snapshot_dates d on d.snap_no = p.last_snap + 1
),

final as (
    select * from history_periods
    union all by name
    select * from snapshot_closed
)

select * from final
