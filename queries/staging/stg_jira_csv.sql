-- stg_jira_csv: one Jira Cloud / Data Center CSV export file → ticket rows
-- grain: one row per exported issue
-- sources: src (the file as text; repeated headers named Labels, Labels_1, ... Sprint, Sprint_1, ...)
-- params: none (the loader registers src; oh_* macros parse dates and numbers)
with issues as (select * from src),

gathered as (
    select
        *,
        list_value(*COLUMNS('^Labels(_[0-9]+)?$')) as _all_labels,
        list_value(*COLUMNS('^(Components|Component/s)(_[0-9]+)?$')) as _all_components,
        list_value(*COLUMNS('^Sprint(_[0-9]+)?$')) as _all_sprints,
        list_value(*COLUMNS('^((Inward|Outward) issue link.*|_no_links)$')) as _all_links
    from issues
),

folded as (
    select
        *,
        -- repeated columns are filled from the left; empty cells are padding
        list_filter(_all_labels, lambda x: nullif(trim(x), '') is not null) as _labels,
        list_filter(_all_components, lambda x: nullif(trim(x), '') is not null) as _components,
        list_filter(_all_sprints, lambda x: nullif(trim(x), '') is not null) as _sprints,
        list_filter(_all_links, lambda x: nullif(trim(x), '') is not null) as _links
    from gathered
),

final as (
    select
        oh_text("Issue key")                          as ticket_id,
        oh_text("Project key")                        as project_key,
        oh_text("Summary")                            as summary,
        oh_ts("Created")                              as created_at,
        oh_ts("Updated")                              as updated_at,
        oh_ts("Resolved")                             as resolved_at,
        oh_ts("Due date")::date                       as due_at,
        oh_text("Status")                             as status,
        lower(oh_text("Status Category"))             as status_category,
        oh_text("Resolution")                         as resolution,
        oh_text("Issue Type")                         as type,
        oh_text("Priority")                           as priority,
        oh_text("Reporter")                           as reporter_id,
        oh_text("Assignee")                           as assignee_id,
        oh_text("Custom field (Team)")                as team,
        coalesce(oh_text("Custom field (Customer)"), oh_text("Custom field (Account)"),
                 oh_text("Custom field (Organizations)")) as account,
        list_transform(_labels, lambda x: trim(x))    as labels,
        list_transform(_components, lambda x: trim(x)) as components,
        len(_sprints)::integer                        as sprint_count,
        -- (an rca-<function> label is read at classification, with the configured prefix)
        coalesce(oh_text("Custom field (Root Cause Team)"), oh_text("Custom field (Blamed Team)"),
                 oh_text("Custom field (RCA Owner)")) as blamed_raw,
        list_transform(_links, lambda x: trim(x))     as linked_ids,
        _rec,
        coalesce(
            oh_missing("Issue key", 'Issue key'),
            oh_missing("Created", 'Created'),
            oh_bad_ts("Created", 'Created', '22/Dec/25 2:38 PM'),
            oh_bad_ts("Updated", 'Updated', '22/Dec/25 2:38 PM'),
            oh_bad_ts("Resolved", 'Resolved', '22/Dec/25 2:38 PM'),
            oh_bad_ts("Due date", 'Due date', '03/Mar/25 12:00 AM')
        ) as _reason
    from folded
)

select * from final
