"""Writes for couples: link two partners, agree, show each other the plane, end, share.

Every function expects records the caller obtained through clients.access (the views ask
`couple_or_404` first); the checks here are the rules of the link itself.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.models import Client
from goals import services as goal_services

from .models import CoupleEntryShare, CoupleGoal, CoupleLink


def open_links_of(client: Client):
    return CoupleLink.objects.filter(Q(partner_a=client) | Q(partner_b=client), ended_at__isnull=True)


@transaction.atomic
def link_partners(first: Client, second: Client, *, by) -> CoupleLink:
    """A new link, waiting for both partners' agreement. One open link per client."""
    if first.pk == second.pk:
        raise ValidationError(_("Choose two different clients."))
    if first.practice_id != second.practice_id:
        raise ValidationError(_("Both partners must be clients of this practice."))
    a, b = sorted((first, second), key=lambda c: c.pk)
    # Lock both records so two therapists' clicks cannot link one client twice.
    list(Client.objects.select_for_update().filter(pk__in=[a.pk, b.pk]))
    for client in (a, b):
        if open_links_of(client).exists():
            raise ValidationError(
                _("%(name)s is already linked as a partner; end that link first.") % {"name": client.display_name}
            )
    return CoupleLink.objects.create(practice_id=a.practice_id, partner_a=a, partner_b=b, created_by=by)


def _locked(link: CoupleLink) -> CoupleLink:
    return CoupleLink.objects.select_for_update().select_related("partner_a", "partner_b").get(pk=link.pk)


@transaction.atomic
def agree(link: CoupleLink, client: Client) -> CoupleLink:
    """The partner agrees to the link (a second click changes nothing)."""
    link = _locked(link)
    if not link.is_open:
        raise ValidationError(_("This link has ended."))
    field = f"consent_{link.side(client)}_at"
    if getattr(link, field) is None:
        setattr(link, field, timezone.now())
        link.save(update_fields=[field])
    return link


@transaction.atomic
def set_showing(link: CoupleLink, client: Client, show: bool) -> CoupleLink:
    """The partner agrees (or no longer agrees) to show the joint plane to the other. Stopping
    takes effect at once for both."""
    link = _locked(link)
    if not link.is_open:
        raise ValidationError(_("This link has ended."))
    if show and not link.consented(client):
        raise ValidationError(_("Agree to the couple link first."))
    field = f"shows_{link.side(client)}_at"
    setattr(link, field, (getattr(link, field) or timezone.now()) if show else None)
    link.save(update_fields=[field])
    return link


@transaction.atomic
def end_link(link: CoupleLink, *, by) -> CoupleLink:
    """Ends the link and everything seen through it at once: the couple page, the joint plane
    and entries shared with the couple (their shares are deleted; the entries stay the writer's)."""
    link = _locked(link)
    if link.ended_at is None:
        link.ended_at = timezone.now()
        link.ended_by = by
        link.save(update_fields=["ended_at", "ended_by"])
        CoupleEntryShare.objects.filter(link=link).delete()
    return link


@transaction.atomic
def set_shared_goal(link: CoupleLink, *, by, title: str, target_per_week: int = 3) -> CoupleGoal:
    """The couple's shared small-step goal: the same goal on each partner's own goals page."""
    if not link.is_active:
        raise ValidationError(_("Both partners must agree to the link before you set a shared goal."))
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": [_("Write the goal in a few words.")]})
    fields = {"title": title, "target_per_week": target_per_week}
    goal_a = goal_services.create_goal(link.partner_a, by=by, **fields)
    goal_b = goal_services.create_goal(link.partner_b, by=by, **fields)
    return CoupleGoal.objects.create(link=link, goal_a=goal_a, goal_b=goal_b)


def share_entry(link: CoupleLink, client: Client, entry) -> CoupleEntryShare:
    """The writer shares one of their own diary entries with the couple."""
    if not link.is_active:
        raise ValidationError(_("Both partners must agree to the link first."))
    if entry.client_id != client.pk:
        raise ValidationError(_("You can only share your own notes."))
    share, _created = CoupleEntryShare.objects.get_or_create(link=link, entry=entry)
    return share


def unshare_entry(link: CoupleLink, client: Client, entry_id: int) -> int:
    deleted, _rows = CoupleEntryShare.objects.filter(link=link, entry_id=entry_id, entry__client=client).delete()
    return deleted
