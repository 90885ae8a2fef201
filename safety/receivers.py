"""Hooks into the diary and assessments without them importing the safety net."""

from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import Role
from assessments.models import Score
from clients.models import Client
from diary.models import DiaryEntry
from diary.signals import entry_saved, sharing_changed

from . import services


@receiver(entry_saved, dispatch_uid="safety_entry_saved")
def on_entry_saved(sender, entry, created, **kwargs):
    # Most entries are no distress: that is decided here, in the saving transaction, so that
    # no transaction of its own is opened after the commit for nothing. A distressing one is
    # evaluated once it is stored for good; the client sees crisis resources on the next page.
    if services.is_distress(entry):
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


@receiver(user_logged_in, dispatch_uid="safety_settle_prompts_on_login")
def on_logged_in(sender, request, user, **kwargs):
    # "This sounded hard" belongs to what the client just did, never to the next login.
    if getattr(user, "role", None) != Role.CLIENT:
        return
    client_id = Client.objects.filter(user=user).values_list("pk", flat=True).first()
    if client_id is not None:
        services.settle_prompts(client_id)
