"""Seed the attachment-pattern tags a client can link an entry to.

Kept inline (not imported from app code) so this migration keeps working when the app changes.
Later additions go in new data migrations; update_or_create makes re-running harmless.
"""

from django.db import migrations

PATTERN_TAGS = [
    ("fear-of-being-left", "Fear of being left", "Angst om verlaten te worden"),
    ("need-for-distance", "Need for distance", "Behoefte aan afstand"),
    ("need-for-reassurance", "Needing reassurance", "Behoefte aan geruststelling"),
    ("jealous-when-insecure", "Jealous when I feel insecure", "Jaloers als ik me onzeker voel"),
    ("not-good-enough", "Feeling not good enough", "Me niet goed genoeg voelen"),
    ("hard-to-ask-for-help", "Hard to ask for help", "Moeilijk om hulp te vragen"),
    ("shutting-down", "Shutting down", "Dichtklappen"),
    ("testing-the-other", "Testing the other", "De ander uittesten"),
    ("distrust", "Not trusting the other", "De ander niet vertrouwen"),
    ("pleasing", "Pleasing to keep the peace", "Pleasen om de vrede te bewaren"),
]


def seed(apps, schema_editor):
    PatternTag = apps.get_model("diary", "PatternTag")
    for order, (slug, label_en, label_nl) in enumerate(PATTERN_TAGS):
        PatternTag.objects.update_or_create(
            slug=slug, defaults={"label_en": label_en, "label_nl": label_nl, "order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("diary", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
