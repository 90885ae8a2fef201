"""Erasing a discharged client: their words and identifying details go, for real.

Each domain app's `erase(client)` deletes its own content (diary text, goal notes, …). What
`settings.ERASURE_KEEP` names because the practice must retain it by law (by default the
assessment scores) is first copied from that app's own export into RetainedRecord, keyed by
the client's id only, so apps can erase wholesale without knowing about retention.

Here the record itself is scrubbed: the name and email become a placeholder, the date of
birth and session notes go, the login is disabled, every session ends, and the library tables
that copy the email (allauth addresses, invitations, Django admin log) are cleaned. The audit
trail gets one event naming only the client's id; earlier events already hold only ids, so
nothing there needs rewriting.
"""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import CASCADE
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditAction
from audit.recorder import record
from audit.sessions import end_all_sessions
from clients.models import Client, ClientStatus

from .discovery import export_modules
from .models import RetainedRecord

logger = logging.getLogger(__name__)
User = get_user_model()
# The record itself and the trail are scrubbed here, not deleted.
_OWN_APPS = {"clients", "audit", "records", "accounts"}


class ErasureError(ValueError):
    pass


def placeholder_name(client: Client) -> str:
    return f"Erased client {client.pk}"


def is_erased(client: Client) -> bool:
    return client.display_name == placeholder_name(client)


def confirmation_matches(client: Client, typed: str) -> bool:
    return typed.strip() == client.display_name.strip()


@transaction.atomic
def erase_client(client: Client, *, by, confirmation: str) -> None:
    client = Client.objects.select_for_update().select_related("user").get(pk=client.pk)
    if client.status != ClientStatus.DISCHARGED:
        raise ErasureError(_("Only a discharged client can be erased. Discharge the client first."))
    if is_erased(client):
        raise ErasureError(_("This client has already been erased."))
    if not confirmation_matches(client, confirmation):
        raise ErasureError(_("The name you typed does not match the client's name."))

    keep = tuple(settings.ERASURE_KEEP)
    _retain(client, keep, by)
    for module in export_modules():
        erase = getattr(module, "erase", None)
        if erase is not None:
            erase(client, keep=keep)

    _erase_undeclared(client)
    _scrub_record(client)
    _scrub_account(client.user)
    record(AuditAction.ERASE, actor=by, client_id=client.pk, practice_id=client.practice_id, kind="client")


def _retain(client: Client, keep: tuple[str, ...], by) -> None:
    """Copy the kinds the law requires aside (from each app's export) before the apps erase.

    The rows are read as the erasing admin, or as the client where the app gives an admin
    nothing; only the kinds named in `keep` are copied, and the JSON is made plain first.
    """
    if not keep:
        return
    from django.http import Http404

    viewers = [by, client.user]
    for module in export_modules():
        provider = getattr(module, "export_rows", None)
        if provider is None:
            continue
        for viewer in viewers:
            try:
                rows = provider(client, viewer) or {}
            except Http404:
                continue
            kept = {kind: items for kind, items in rows.items() if kind in keep and items}
            for kind, items in kept.items():
                plain = json.loads(json.dumps(items, cls=DjangoJSONEncoder))
                RetainedRecord.objects.update_or_create(
                    client_id=client.pk, kind=kind, defaults={"practice_id": client.practice_id, "rows": plain}
                )
            if kept:
                break


def _erase_undeclared(client: Client) -> None:
    """Safety net for an app that stores client rows but has no `export.erase` (yet).

    Its rows that point at the client are deleted outright: an erasure that silently left
    a new app's free text behind would be worse than losing rows nobody declared a need to keep.
    """
    from django.apps import apps

    declared = {module.__name__.rsplit(".", 1)[0] for module in export_modules() if hasattr(module, "erase")}
    for model in apps.get_models():
        config = model._meta.app_config
        if config.name in declared or config.label in _OWN_APPS or not config.path.startswith(str(settings.BASE_DIR)):
            continue
        for field in model._meta.get_fields():
            if not (getattr(field, "many_to_one", False) or getattr(field, "one_to_one", False)) or not field.concrete:
                continue
            # Rows of the client, and rows owned by their login (deleted with it, CASCADE);
            # mere references such as "created_by" (SET_NULL) are not ownership.
            owned_by_login = field.related_model is User and field.remote_field.on_delete is CASCADE
            if field.related_model is Client or owned_by_login:
                target = client if field.related_model is Client else client.user
                logger.warning("erasure: %s has no export.erase; deleting its rows", model._meta.label)
                model._base_manager.filter(**{field.name: target}).delete()


def _scrub_record(client: Client) -> None:
    client.sessions.update(note="")
    client.display_name = placeholder_name(client)
    client.date_of_birth = None
    client.save(update_fields=["display_name", "date_of_birth", "updated_at"])
    _scrub_admin_log(client)


def _scrub_account(user) -> None:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from accounts.models import Invitation

    old_email = user.email
    Invitation.objects.filter(user=user).update(email=f"erased-{user.pk}@erased.invalid", name="")
    Invitation.objects.filter(email__iexact=old_email).update(email=f"erased-{user.pk}@erased.invalid", name="")
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    end_all_sessions(user)
    user.email = f"erased-{user.pk}@erased.invalid"
    user.name = ""
    user.set_unusable_password()
    user.is_active = False
    if hasattr(user, "deactivated_at"):
        user.deactivated_at = user.deactivated_at or timezone.now()
    user.save()
    _scrub_admin_log(user)


def _scrub_admin_log(obj) -> None:
    """The Django admin's change log copies an object's str(); keep the entry, drop the name."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)).update(
        object_repr=f"erased #{obj.pk}", change_message=""
    )
