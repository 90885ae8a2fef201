"""The sessions the old store kept (django_session) go, now that 0003 copied the open ones to
audit_session: nothing reads them, and `clearsessions` only clears the store in use, so they
would otherwise stay on disk with whoever was logged in and what their sessions held."""

from django.db import migrations


def forget_old_sessions(apps, schema_editor):
    apps.get_model("sessions", "Session").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_session"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(forget_old_sessions, migrations.RunPython.noop)]
