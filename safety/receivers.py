"""Hooks into the diary and assessments without them importing the safety net."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from assessments.models import Score
from diary.signals import entry_saved

from . import services


@receiver(entry_saved, dispatch_uid="safety_entry_saved")
def on_entry_saved(sender, entry, created, **kwargs):
    # The client just saved this entry: they see crisis resources on the next page.
    transaction.on_commit(lambda: services.evaluate_entry(entry, prompt_client=True))


@receiver(post_save, sender=Score, dispatch_uid="safety_score_saved")
def on_score_saved(sender, instance, created, **kwargs):
    if created:
        transaction.on_commit(lambda: services.evaluate_score(instance))
