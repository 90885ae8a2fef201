"""Hooks into the diary and assessments without them importing the safety net."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from assessments.models import Score
from diary.models import DiaryEntry
from diary.signals import entry_saved, sharing_changed

from . import services


@receiver(entry_saved, dispatch_uid="safety_entry_saved")
def on_entry_saved(sender, entry, created, **kwargs):
    # The client just saved this entry: they see crisis resources on the next page.
    transaction.on_commit(lambda: services.evaluate_entry(entry, prompt_client=True))


@receiver(post_save, sender=Score, dispatch_uid="safety_score_saved")
def on_score_saved(sender, instance, created, **kwargs):
    if created:
        transaction.on_commit(lambda: services.evaluate_score(instance))


@receiver(sharing_changed, dispatch_uid="safety_sharing_changed")
def on_sharing_changed(sender, client, entry_ids, shared, **kwargs):
    # An entry shared after it was written can now alert the therapist (once per entry).
    if not shared:
        return

    def evaluate():
        for entry in DiaryEntry.objects.filter(pk__in=entry_ids).select_related("client").prefetch_related("emotions"):
            services.evaluate_entry(entry)

    transaction.on_commit(evaluate)
