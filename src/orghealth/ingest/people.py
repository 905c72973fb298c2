"""Who is who: HR rows become ``people`` periods, and the names, emails and ids other exports
use are matched to a ``person_id`` through ``person_aliases``.

Values that match nobody (or more than one person) stay as exported and are counted in
``unmatched_refs``, which ``orghealth check`` lists.
"""

from __future__ import annotations

import duckdb

from orghealth import sql

ALIASES = """
create or replace temp table alias_all as
select distinct alias, person_id, kind from (
    select lower(trim(person_id)) as alias, person_id, 'id' as kind from people
    union all
    select lower(trim(email)), person_id, 'email' from people where email is not null
    union all
    select lower(regexp_replace(trim(name), '\\s+', ' ', 'g')), person_id, 'name'
    from people where name is not null
    union all
    -- "Last, First", the other way HR systems write a name
    select lower(split_part(trim(name), ' ', 2) || ', ' || split_part(trim(name), ' ', 1)),
           person_id, 'name'
    from people where name is not null and len(string_split(trim(name), ' ')) = 2
) where alias is not null and alias <> '';

create or replace temp table alias_unique as
select alias, any_value(person_id) as person_id from alias_all
group by alias having count(distinct person_id) = 1;

create or replace temp table alias_ambiguous as
select alias, count(distinct person_id) as people from alias_all
group by alias having count(distinct person_id) > 1;
"""


def build_people(con: duckdb.DuckDBPyConnection) -> None:
    """people from hr_rows (plus any canonical people rows already loaded), then aliases."""
    con.execute("insert into people by name select * exclude (manager_ref, manager_ref_kind), "  # noqa: S608 (internal table and column names only)
                "manager_ref as manager_id from (" + sql.query_text("staging/people_periods") + ")")
    build_aliases(con)
    resolve_managers(con)


def build_aliases(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(ALIASES)
    con.execute("delete from person_aliases")
    con.execute("insert into person_aliases select alias, person_id, min(kind) "
                "from alias_all group by alias, person_id")


def resolve_managers(con: duckdb.DuckDBPyConnection) -> None:
    """Manager names or emails → person ids. Unknown or ambiguous ones stay as exported."""
    _record_unmatched(con, "people", "manager_id", "people", "true", "source_file")
    con.execute("""
        update people set manager_id = a.person_id
        from alias_unique a
        where lower(trim(people.manager_id)) = a.alias and people.manager_id <> a.person_id
    """)


def record_unmatched_columns(con: duckdb.DuckDBPyConnection, table: str, columns: list[str],
                             file: str, target: str) -> None:
    """Count the values of ``columns`` (accepted rows only) that match nobody, or several people."""
    for col in columns:
        _record_unmatched(con, table, col, target, "_reason is null and _dup_of is null", None, file)


def resolve_columns(con: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...],
                    file: str, target: str) -> None:
    """Replace each name/email/id in ``columns`` of a staged table by the person_id it matches."""
    accepted = "_reason is null and _dup_of is null"
    for col in columns:
        if col == "scoped_by":
            continue
        _record_unmatched(con, table, col, target, accepted, None, file)
        con.execute(
            f'create or replace temp table {table} as '  # noqa: S608 (internal table and column names only)
            f'select s.* replace (coalesce(a.person_id, s."{col}") as "{col}") '
            f'from {table} s left join alias_unique a on a.alias = lower(trim(s."{col}"))'
        )


def _record_unmatched(con, table: str, col: str, target: str, where: str,
                      file_col: str | None, file: str | None = None) -> None:
    file_expr = file_col if file_col else "$file"
    params = {"target": target, "col": col}
    if file_col is None:
        params["file"] = file
    con.execute(
        f"""
        insert into unmatched_refs
        select {file_expr}, $target, $col, s."{col}", count(*),
               case when any_value(b.people) is not null
                    then 'matches ' || any_value(b.people) || ' people with the same name; '
                         || 'give them distinct names or use ids in the export'
                    else 'matches nobody in the HR data; check the spelling or add the person' end
        from {table} s
        left join alias_unique a on a.alias = lower(trim(s."{col}"))
        left join alias_ambiguous b on b.alias = lower(trim(s."{col}"))
        where {where} and s."{col}" is not null and a.person_id is null
        group by all
        """,  # noqa: S608 (internal table and column names only)
        params,
    )
