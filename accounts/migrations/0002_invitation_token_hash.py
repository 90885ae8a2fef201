"""Invitation tokens are stored as their SHA-256: existing raw tokens are hashed in place, so
links already emailed keep working (the link's token hashes to the stored value)."""

import hashlib

from django.db import migrations, models


def hash_existing(apps, schema_editor):
    Invitation = apps.get_model("accounts", "Invitation")
    for invitation in Invitation.objects.only("pk", "token_hash").iterator():
        raw = invitation.token_hash
        Invitation.objects.filter(pk=invitation.pk).update(token_hash=hashlib.sha256(raw.encode()).hexdigest())


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.RenameField("invitation", "token", "token_hash"),
        migrations.AlterField("invitation", "token_hash", models.CharField(max_length=64, unique=True, editable=False)),
        # One way: the raw tokens are gone after this (the emailed links still work).
        migrations.RunPython(hash_existing, migrations.RunPython.noop),
    ]
