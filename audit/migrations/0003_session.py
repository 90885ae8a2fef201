"""Sessions move to audit_session, which carries the user's id in an indexed column.

Open sessions are copied over with their user id read from their data once, here, so nobody
is logged out by the switch (the data's signature does not depend on the table). The old
django_session rows are left to expire; nothing reads them any more.
"""

from django.db import migrations, models
from django.utils import timezone


def copy_open_sessions(apps, schema_editor):
    from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

    Old = apps.get_model("sessions", "Session")
    New = apps.get_model("audit", "Session")
    decoder = DatabaseSessionStore()
    batch = []
    for row in Old.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=2000):
        try:
            user_id = int(decoder.decode(row.session_data).get("_auth_user_id"))
        except (TypeError, ValueError):
            user_id = None
        copy = New(session_key=row.session_key, session_data=row.session_data, expire_date=row.expire_date)
        copy.user_id = user_id
        batch.append(copy)
        if len(batch) >= 2000:
            New.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    New.objects.bulk_create(batch, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_append_only_trigger"),
        ("sessions", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Session",
            fields=[
                (
                    "session_key",
                    models.CharField(max_length=40, primary_key=True, serialize=False, verbose_name="session key"),
                ),
                ("session_data", models.TextField(verbose_name="session data")),
                ("expire_date", models.DateTimeField(db_index=True, verbose_name="expire date")),
                ("user_id", models.BigIntegerField(blank=True, db_index=True, null=True)),
            ],
            options={
                "verbose_name": "session",
                "verbose_name_plural": "sessions",
                "db_table": "audit_session",
                "abstract": False,
            },
        ),
        migrations.RunPython(copy_open_sessions, migrations.RunPython.noop),
    ]
