"""Create (or bring in line) the role the web processes and workers connect as.

Run as the owner role, the one that runs `migrate` (it needs CREATEROLE, or is a superuser):

    DATABASE_APP_PASSWORD=… python manage.py create_app_role

The role may log in and nothing more: no superuser, no BYPASSRLS, no CREATEDB/CREATEROLE, and
it owns no tables, so PostgreSQL holds it to every row-level security policy. `migrate` grants
it the table privileges (rowsecurity/policies.py). Safe to run again: it resets the password
and the attributes.
"""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from psycopg import sql

from rowsecurity import policies


class Command(BaseCommand):
    help = "Create or update the PostgreSQL role the app connects as (DATABASE_APP_ROLE, DATABASE_APP_PASSWORD)."

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("Not PostgreSQL: there is no separate app role.")
            return
        role = policies.app_role()
        password = os.environ.get("DATABASE_APP_PASSWORD", "")
        if not role or not password:
            raise CommandError("set DATABASE_APP_ROLE (default securebase_app) and DATABASE_APP_PASSWORD")
        attributes = sql.SQL("LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD {}").format(
            sql.Literal(password)
        )
        with connection.cursor() as cursor:
            verb = "ALTER" if policies.app_role_exists(cursor, role) else "CREATE"
            cursor.execute(
                sql.SQL(verb + " ROLE {} WITH ").format(sql.Identifier(role)) + attributes  # noqa: S608
            )
            cursor.execute(
                sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
                    sql.Identifier(connection.settings_dict["NAME"]), sql.Identifier(role)
                )
            )
            # Row-level security raises plan cost estimates past jit_above_cost, and compiling
            # costs more than a caseload query runs; set on the role so it holds behind
            # PgBouncer too, where connection options are refused (config/resilience.py).
            # Likewise parallel workers: starting them costs more than a request's query runs.
            for setting in ("jit = off", "max_parallel_workers_per_gather = 0"):
                cursor.execute(
                    sql.SQL("ALTER ROLE {} IN DATABASE {} SET " + setting).format(
                        sql.Identifier(role), sql.Identifier(connection.settings_dict["NAME"])
                    )
                )
        applied = policies.apply()
        done = "created" if verb == "CREATE" else "updated"
        self.stdout.write(f"Role {role} {done}; policies on {applied} tables, privileges granted.")
