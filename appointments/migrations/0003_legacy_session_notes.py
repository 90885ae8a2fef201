"""Notes typed on the old "Record session" form lived on the session row, shown to whoever
treats the client now and read without an audit line. They move to SessionNote (author: the
therapist who held the session), where the treating-therapist rule and the audit apply."""

from django.db import migrations


def move_notes(apps, schema_editor):
    TherapySession = apps.get_model("clients", "TherapySession")
    SessionNote = apps.get_model("appointments", "SessionNote")
    for session in TherapySession.objects.exclude(note="").iterator():
        SessionNote.objects.get_or_create(
            session=session,
            defaults={"client_id": session.client_id, "author_id": session.therapist_id, "text": session.note},
        )
        TherapySession.objects.filter(pk=session.pk).update(note="")


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0002_series_check_without_comma"),
        ("clients", "0001_initial"),
    ]

    operations = [migrations.RunPython(move_notes, migrations.RunPython.noop)]
