from datetime import time

from django.db import migrations

DEFAULTS = {
    "client": [
        ("diary", time(20, 0), "1234567", "both"),
        ("assessment_due", time(10, 0), "1234567", "both"),
        ("goal_checkin", time(18, 0), "1234567", "both"),
    ],
    "therapist": [("therapist_digest", time(8, 0), "1", "email")],
}


def create_defaults(apps, schema_editor):
    # People who existed before reminders get the same defaults a new account gets.
    User = apps.get_model("accounts", "User")
    Pref = apps.get_model("reminders", "ReminderPreference")
    rows = []
    for user in User.objects.filter(role__in=DEFAULTS).only("pk", "role"):
        for kind, at, days, channel in DEFAULTS[user.role]:
            rows.append(Pref(user_id=user.pk, kind=kind, local_time=at, days=days, channel=channel))
    Pref.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("reminders", "0001_initial"), ("accounts", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
