-- stg_jira_json: Jira REST search results (expand=changelog) → ticket rows
-- grain: one row per issue in the file
-- sources: src_issues (_rec = position of the issue in the file, issue = its JSON, names = the
--          file's field-name map when the search asked for expand=names)
-- params: none
with issues as (
    select _rec, issue, issue -> 'fields' as f, names from src_issues
),

-- custom fields are found by what they hold, or by their display name when the file has names
custom as (
    select
        _rec,
        list_filter(json_keys(f), lambda k: k like 'customfield_%'
                    and json_type(f -> k) = 'ARRAY' and (f -> k -> 0 ->> 'state') is not null) as sprint_keys,
        list_filter(json_keys(coalesce(names, '{}')), lambda k: lower(names ->> k) in ('team')) as team_keys,
        list_filter(json_keys(coalesce(names, '{}')), lambda k: lower(names ->> k) in ('customer', 'account', 'organizations')) as account_keys,
        list_filter(json_keys(coalesce(names, '{}')), lambda k: lower(names ->> k) in ('root cause team', 'blamed team', 'rca owner')) as blame_keys
    from issues
),

-- a custom field's value may be text, an option {"value": ...}, or a list of them
valued as (
    select i.*, c.sprint_keys,
        coalesce(i.f -> c.team_keys[1] ->> 'value', i.f -> c.team_keys[1] ->> 'name', i.f ->> c.team_keys[1]) as team_value,
        coalesce(i.f -> c.account_keys[1] ->> 'value', i.f -> c.account_keys[1] -> 0 ->> 'name', i.f ->> c.account_keys[1]) as account_value,
        coalesce(i.f -> c.blame_keys[1] ->> 'value', i.f ->> c.blame_keys[1]) as blame_value,
        coalesce(from_json(i.f -> 'labels', '["VARCHAR"]'), []::varchar[]) as label_list
    from issues i join custom c using (_rec)
),

final as (
    select
        issue ->> 'key'                                  as ticket_id,
        f -> 'project' ->> 'key'                         as project_key,
        f ->> 'summary'                                  as summary,
        oh_iso(f ->> 'created')                          as created_at,
        oh_iso(f ->> 'updated')                          as updated_at,
        oh_iso(f ->> 'resolutiondate')                   as resolved_at,
        oh_date(f ->> 'duedate')                         as due_at,
        f -> 'status' ->> 'name'                         as status,
        case f -> 'status' -> 'statusCategory' ->> 'key'
            when 'new' then 'to do' when 'indeterminate' then 'in progress' when 'done' then 'done'
        end                                              as status_category,
        f -> 'resolution' ->> 'name'                     as resolution,
        f -> 'issuetype' ->> 'name'                      as type,
        f -> 'priority' ->> 'name'                       as priority,
        coalesce(f -> 'reporter' ->> 'emailAddress', f -> 'reporter' ->> 'displayName') as reporter_id,
        coalesce(f -> 'assignee' ->> 'emailAddress', f -> 'assignee' ->> 'displayName') as assignee_id,
        team_value                                       as team,
        account_value                                    as account,
        label_list                                       as labels,
        list_transform(coalesce(from_json(f -> 'components', '["JSON"]'), []::json[]),
                       lambda c: c ->> 'name')           as components,
        coalesce(list_max(list_transform(sprint_keys, lambda k: json_array_length(f -> k))), 0)::integer as sprint_count,
        blame_value                                      as blamed_raw,
        list_transform(coalesce(from_json(f -> 'issuelinks', '["JSON"]'), []::json[]),
                       lambda l: coalesce(l -> 'inwardIssue' ->> 'key', l -> 'outwardIssue' ->> 'key')) as linked_ids,
        _rec,
        coalesce(
            case when issue ->> 'key' is null then 'issue number ' || _rec || ' has no key; re-export the search' end,
            case when oh_iso(f ->> 'created') is null then
                'issue ' || (issue ->> 'key') || ': created ''' || coalesce(f ->> 'created', '') ||
                ''' is not a time like 2025-03-14T13:11:39.903+0100; re-export the search' end
        ) as _reason
    from valued
)

select * from final
