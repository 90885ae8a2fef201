"""Row-level security policies built from the registry, applied idempotently after `migrate`.

Each registered table gets ENABLE + FORCE ROW LEVEL SECURITY and one policy, `practice_rows`,
for every command: a row is visible and writable only when its practice is the one the current
transaction acts for (`app.practice_id`, set with set_config(..., true) by scope.py). With no
practice set the setting is empty, the comparison is NULL, and no row passes: fail closed.

A table that reaches its practice through others (a client's diary entries, an entry's emotions)
carries its practice in a column of its own, `rls_practice_id`, which a trigger fills from the
row's parent on every insert and update, and the policy compares that column. Checking down the
path instead (`client_id IN (SELECT id FROM clients_client WHERE practice_id = <current>)`) made
PostgreSQL hash every client id of the practice for each query, however few rows it read: one
client's diary entries of a month cost 7-10 ms in a practice of 10,000 clients, against 0.2 ms
with the column. The trigger reads the parent as the writer sees it, so a row whose parent
belongs to another practice gets that practice (or none) and the policy's WITH CHECK refuses it.
`predicate()` still spells the path out: tests use it as the truth the column must match.

The app role (DATABASE_APP_ROLE, default securebase_app) gets the table privileges it needs here too, so a
table added by a later migration is usable by the web processes and workers at once.
"""

from __future__ import annotations

import os

from django.apps import apps
from django.conf import settings
from django.db import connections, transaction
from django.db.models import Model

from . import paths, registry

POLICY = "practice_rows"
CURRENT_PRACTICE = "NULLIF(current_setting('app.practice_id', true), '')::bigint"


def model_for(label: str) -> type[Model]:
    app_label, _, name = label.partition(".")
    for model in apps.get_app_config(app_label).get_models(include_auto_created=True):
        if model._meta.object_name == name:
            return model
    raise LookupError(f"no model {label}")


def predicate(model: type[Model], path: str, alias: str | None = None) -> str:
    """SQL that is true for a row of `model` (named `alias` in the query, if given) belonging to
    the current practice."""
    first, _, rest = path.partition("__")
    field = model._meta.get_field(first)
    if not (field.many_to_one or field.one_to_one) or not field.concrete:
        raise ValueError(f"{model._meta.label}.{first} is not a foreign key")
    target = field.related_model
    # Names come from the models, never from input.
    column = f'"{alias}"."{field.column}"' if alias else f'"{field.column}"'
    if not rest:
        if target._meta.label != "accounts.Practice":
            raise ValueError(f"{model._meta.label}: the path must end at accounts.Practice")
        if field.null:
            # A row of no practice (a failed login for an unknown address) is nobody's data: it
            # is written and seen only by a transaction that acts for no practice either.
            return f"({column} = {CURRENT_PRACTICE} OR ({column} IS NULL AND {CURRENT_PRACTICE} IS NULL))"
        return f"{column} = {CURRENT_PRACTICE}"
    table, key = target._meta.db_table, field.target_field.column
    if "__" not in rest:
        # One step from the practice (a client, a user): the practice's keys, computed once.
        return f'{column} IN (SELECT "{key}" FROM "{table}" WHERE {predicate(target, rest)})'  # noqa: S608
    # Further away (an entry's emotions): look the parent row up by its key. As a set the parent
    # would be every diary entry of the practice, hashed again for each query, growing with use.
    hop = f"rls_{table}"
    outer = f'"{alias or model._meta.db_table}"."{field.column}"'
    inner = predicate(target, rest, alias=hop)
    return f'EXISTS (SELECT 1 FROM "{table}" AS "{hop}" WHERE "{hop}"."{key}" = {outer} AND {inner})'  # noqa: S608


COLUMN = "rls_practice_id"


def practice_of(model: type[Model], path: str, row: str, depth: int = 0) -> str:
    """SQL for the practice id of the row called `row` (NEW in a trigger), down the path."""
    first, _, rest = path.partition("__")
    field = model._meta.get_field(first)
    value = f'{row}."{field.column}"'
    if not rest:
        return value
    target, alias = field.related_model, f"rls_parent_{depth}"
    key, table = field.target_field.column, field.related_model._meta.db_table
    inner = practice_of(target, rest, alias, depth + 1)
    return f'(SELECT {inner} FROM "{table}" AS {alias} WHERE {alias}."{key}" = {value})'  # noqa: S608


def carries_practice(path: str) -> bool:
    """Whether the table keeps its practice in COLUMN (it is more than one step from it)."""
    return "__" in path


def policy_check(model: type[Model], path: str) -> str:
    if carries_practice(path):
        return f'"{COLUMN}" = {CURRENT_PRACTICE}'
    return predicate(model, path)


def column_statements(label: str, path: str) -> list[str]:
    """The practice column, the trigger that fills it, and filling rows written before it."""
    model = model_for(label)
    table = model._meta.db_table
    function = f"rls_fill_{table}"[:63]
    earlier = practice_of(model, path, f'"{table}"')
    return [
        f'ALTER TABLE "{table}" ADD COLUMN IF NOT EXISTS "{COLUMN}" bigint',
        f"""CREATE OR REPLACE FUNCTION "{function}"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN NEW."{COLUMN}" := {practice_of(model, path, "NEW")}; RETURN NEW; END $$""",
        f'DROP TRIGGER IF EXISTS rls_fill_practice ON "{table}"',
        f'CREATE TRIGGER rls_fill_practice BEFORE INSERT OR UPDATE ON "{table}" '
        f'FOR EACH ROW EXECUTE FUNCTION "{function}"()',
        f'UPDATE "{table}" SET "{COLUMN}" = {earlier} WHERE "{COLUMN}" IS NULL',  # noqa: S608
    ]


def statements(label: str, path: str) -> list[str]:
    model = model_for(label)
    table = model._meta.db_table
    check = policy_check(model, path)
    return [
        f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY',
        f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY',
        f'DROP POLICY IF EXISTS {POLICY} ON "{table}"',
        f'CREATE POLICY {POLICY} ON "{table}" USING ({check}) WITH CHECK ({check})',
    ]


def grant_statements(role: str) -> list[str]:
    quoted = '"' + role.replace('"', '""') + '"'
    return [
        f"GRANT USAGE ON SCHEMA public TO {quoted}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO {quoted}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
    ]


def app_role() -> str:
    """The role the web processes and workers log in as (not the owner; no BYPASSRLS)."""
    return getattr(settings, "DATABASE_APP_ROLE", None) or os.environ.get("DATABASE_APP_ROLE", "securebase_app")


def app_role_exists(cursor, role: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
    return cursor.fetchone() is not None


def apply(using: str = "default") -> int:
    """(Re)create every registered policy and the app role's grants; returns the tables done."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return 0
    existing = set(connection.introspection.table_names())
    tables = {}
    for label, path in registry.PRACTICE_TABLES.items():
        try:
            table = model_for(label)._meta.db_table
        except LookupError:  # registered before its app is installed; test_registry reports it
            continue
        if table in existing:
            tables[label] = (table, path)
    with transaction.atomic(using), connection.cursor() as cursor:
        # The owner is subject to the policies too (FORCE): lifted while rows written before
        # their practice column existed are filled, so the owner sees every row to fill.
        for table, _path in tables.values():
            cursor.execute(f'ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY')
        for label, (_table, path) in tables.items():
            if carries_practice(path):
                for sql in column_statements(label, path):
                    cursor.execute(sql)
        for label, (_table, path) in tables.items():
            for sql in statements(label, path):
                cursor.execute(sql)
        done = len(tables)
        role = app_role()
        role = role if role and app_role_exists(cursor, role) else None
        if role:
            for sql in grant_statements(role):
                cursor.execute(sql)
        table = "accounts_invitation"
        columns = (
            {c.name for c in connection.introspection.get_table_description(cursor, table)}
            if table in existing
            else set()
        )
        if "token_hash" in columns:
            paths.create_functions(cursor, role)
    return done


def after_migrate(sender, using="default", **kwargs) -> None:
    # post_migrate is sent once per app; the last one covers every table, earlier ones are cheap.
    if sender.label == "rowsecurity":
        apply(using)
