"""Delivering the safety net's alerts to the therapist through the reminder machinery.

safety.signals.alert_created (sent once per new alert, after commit) becomes one
ReminderOccurrence of kind SAFETY_ALERT; the minute sweep hands it to the send task like any
other reminder, so the exactly-once claim, the unsubscribe link, the channel choice and the
in-app list all apply unchanged. The email names no client and carries no clinical content:
"a new alert", and a link to the alert list behind the login. The in-app notification, read
only after logging in, names the client and links to what raised the alert when the
therapist may open it (safety:alert_open decides when it is clicked).
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.localtime import zone_of

from . import kinds, services
from .models import Kind, ReminderOccurrence
from .scheduling import floor_minute


def _after_quiet_hours(pref, now: dt.datetime) -> dt.datetime:
    """`now`, or the end of the recipient's quiet hours when now falls inside them (UTC)."""
    local = now.astimezone(zone_of(pref.user))
    if not pref.in_quiet_hours(local.time()):
        return now
    end = local.replace(hour=pref.quiet_end.hour, minute=pref.quiet_end.minute, second=0, microsecond=0)
    if end <= local:
        end += dt.timedelta(days=1)
    # Aware ZoneInfo arithmetic is wall-clock arithmetic: a DST change overnight still ends
    # the quiet hours at the chosen local time.
    return end.astimezone(dt.UTC)


def schedule_alert(alert, now: dt.datetime | None = None) -> ReminderOccurrence | None:
    therapist = alert.therapist
    if therapist is None or not therapist.is_active:
        return None
    prefs = {p.kind: p for p in services.ensure_preferences(therapist)}
    pref = prefs.get(Kind.SAFETY_ALERT)
    if pref is None or not pref.enabled:
        return None
    target = f"alert:{alert.pk}"
    existing = ReminderOccurrence.objects.filter(recipient=therapist, kind=Kind.SAFETY_ALERT, target_key=target)
    if existing.exists():
        return None
    now = now or timezone.now()
    try:
        with transaction.atomic():
            return ReminderOccurrence.objects.create(
                recipient=therapist,
                kind=Kind.SAFETY_ALERT,
                target_key=target,
                slot=floor_minute(_after_quiet_hours(pref, now)),
                created_at=now,
            )
    except IntegrityError:
        return None


def alert_message(occurrence: ReminderOccurrence) -> kinds.Message:
    from safety.models import Alert

    _kind, alert_id, _phase = kinds.parse_target(occurrence.target_key)
    alert = Alert.objects.select_related("client").filter(pk=alert_id).first()
    # Only the in-app copy (behind the login and two-factor) names the client, and its link
    # decides at click time where the therapist may go (what raised the alert, or the list).
    in_app_title = _("New safety-net alert for %(name)s") % {"name": alert.client.display_name} if alert else ""
    return kinds.Message(
        subject=_("New alert in securebase"),
        lines=[
            _("One of your clients has a new safety-net alert."),
            _("Open securebase to see it. For privacy this email says nothing more."),
        ],
        link=kinds.first_url(("safety:alerts", {})),
        link_label=_("Open my alerts"),
        in_app_title=in_app_title,
        in_app_link=kinds.first_url(("safety:alert_open", {"pk": alert_id}), ("safety:alerts", {})) if alert else "",
    )


def alert_still_open(occurrence: ReminderOccurrence) -> bool:
    """Acknowledged already, or hidden since (its entry was unshared): nothing to send."""
    from safety.selectors import open_alerts

    _kind, alert_id, _phase = kinds.parse_target(occurrence.target_key)
    return open_alerts(occurrence.recipient).filter(pk=alert_id).exists()


kinds.MESSAGES[Kind.SAFETY_ALERT] = alert_message
kinds.STILL_DUE[Kind.SAFETY_ALERT] = alert_still_open
