-- schema: the canonical tables every export is loaded into
-- grain: see each table's comment
-- sources: written by orghealth.ingest; read by queries/org, queries/rollups, queries/signals
-- params: none (DDL takes no parameters)

-- one row per person per period of an unchanged reporting line; valid_to is exclusive, null = still current
create table people (
    person_id        varchar not null,   -- employee id (or email) from the HR system
    name             varchar,
    email            varchar,
    department       varchar,
    division         varchar,
    title            varchar,
    function         varchar,            -- sales, presales, ps, ops, support, engineering, exec, other
    function_source  varchar,            -- rule, top (no manager), no rule matched, or null when the export gave it
    manager_id       varchar,            -- null for the top of the company
    location         varchar,
    hire_date        date,
    termination_date date,
    valid_from       date not null,
    valid_to         date,
    source_file      varchar
);

-- one row per ticket
create table tickets (
    ticket_id        varchar not null,   -- Jira issue key, ServiceNow number, Zendesk id
    project_key      varchar,
    summary          varchar,
    created_at       timestamp,
    updated_at       timestamp,
    resolved_at      timestamp,
    due_at           date,
    status           varchar,
    status_category  varchar,            -- to do, in progress, done
    resolution       varchar,
    type             varchar,
    priority         varchar,
    reporter_id      varchar,            -- person_id once matched, else the name as exported
    assignee_id      varchar,
    team             varchar,
    account          varchar,
    labels           varchar[],
    components       varchar[],
    sprint_count     integer,            -- how many sprints the ticket was in
    blamed_function  varchar,            -- from a root-cause field or an rca-<function> label
    linked_ids       varchar[],
    -- classifications, set from the rules at ingest
    is_initiative            boolean default false,
    is_revenue               boolean default false,
    is_proactive_warning     boolean default false,
    is_escalation            boolean default false,
    is_expectation_mismatch  boolean default false,
    source_file      varchar,
    blamed_raw       varchar,            -- the root-cause field or rca- label as exported
    deferral_count   integer default 0   -- deferral events + sprint carry-overs (see default_rules.toml)
);

-- one row per field change in a ticket's history
create table ticket_events (
    ticket_id   varchar not null,
    "at"        timestamp not null,  -- quoted: AT is a keyword in DuckDB 2
    field       varchar not null,        -- status, priority, duedate, sprint, ...
    from_value  varchar,
    to_value    varchar,
    actor_id    varchar,
    is_deferral boolean default false,   -- set from the rules at ingest
    source_file varchar
);

-- one row per logged stretch of work
create table time_entries (
    person_id   varchar not null,
    date        date not null,
    hours       double not null,
    account     varchar,
    project     varchar,                 -- project code when the export has one, else its name
    task        varchar,
    notes       varchar,
    billable    boolean,
    activity    varchar,                 -- selling, operations, delivery, scoping, initiative, admin, other
    source_file varchar,
    project_name varchar                 -- the project's name (project holds its code when there is one)
);

-- one row per deal (closed won deals are the ones the signals read)
create table deals (
    deal_id                 varchar not null,
    name                    varchar,
    account                 varchar,
    owner_id                varchar,
    stage                   varchar,
    is_won                  boolean,
    created_at              date,
    closed_at               date,
    amount                  double,
    currency                varchar,
    promised_go_live        date,
    scope_changed_at_close  boolean,
    delivery_consulted      boolean,
    estimated_hours         double,
    source_file             varchar
);

-- one row per delivery project
create table projects (
    project_id       varchar not null,
    name             varchar,
    deal_id          varchar,
    account          varchar,
    started_at       date,
    go_live_at       date,                -- null while the customer is not live
    estimated_hours  double,
    scoped_by        varchar[],           -- person ids of whoever scoped it
    status           varchar,
    source_file      varchar
);

-- one row per file read by an ingest: nothing is lost, rows_read = rows_loaded + rows_rejected
create table ingest_log (
    file           varchar not null,
    format         varchar not null,
    target_table   varchar not null,
    rows_read      bigint not null,
    rows_loaded    bigint not null,
    rows_rejected  bigint not null,
    note           varchar,
    loaded_at      timestamp not null
);

-- one row per file (or sheet) that could not be read at all: the rest loaded without it
create table files_set_aside (
    file    varchar not null,
    reason  varchar not null,
    hint    varchar                      -- what to do about it
);

-- one row per rejected row, with a reason a person can act on
create table rejects (
    file    varchar not null,
    line    bigint,                      -- line in the file where the row starts (1 = header)
    reason  varchar not null,
    raw     varchar                      -- the row as read, for the user to find and fix it
);

-- one row per name, email or id by which a person appears in some export
create table person_aliases (
    alias      varchar not null,         -- lower-cased
    person_id  varchar not null,
    kind       varchar not null          -- id, email, name
);

-- one row per name, email or id in an export that matched no person (or several), per file and column
create table unmatched_refs (
    file          varchar,
    target_table  varchar not null,      -- where the value was loaded
    field         varchar not null,      -- reporter_id, assignee_id, person_id, owner_id, manager_id ...
    value         varchar not null,      -- as exported
    rows          bigint not null,
    reason        varchar not null
);

-- one row per classification rule, with how many rows it matched at ingest
create table rule_hits (
    rule_set  varchar not null,          -- function, ticket, time, deferral
    class     varchar not null,
    field     varchar not null,
    pattern   varchar not null,
    matched   bigint not null
);

-- key/value facts about this database: when and from what it was built
create table build_info (
    key    varchar not null,
    value  varchar
);
