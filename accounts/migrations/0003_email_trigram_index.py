"""A trigram index on the upper-cased login e-mail, for the practice's client search.

PostgreSQL only (SQLite, `make run`, scans its small tables). pg_trgm is a trusted extension:
the database owner that runs `migrate` may create it. The index is on UPPER(email) because
Django's case-insensitive `icontains` compares UPPER(column) LIKE UPPER(pattern); it is
declared here rather than in Meta.indexes so SQLite never sees a GIN index.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX = "user_email_upper_trgm_idx"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON accounts_user USING gin (UPPER(email::text) gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_invitation_token_hash")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_index, drop_index),
    ]
