"""The evening before a session: "Anything you want to share before tomorrow?"

Off until the client switches it on (their choice); sent at the time they pick, on their own
clock, held by their quiet hours like every reminder, and only on an evening whose next day has
a planned session on the client's calendar. It opens the diary's sharing page. It says nothing
clinical: not who the therapist is, nor what the session is about.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.localtime import day_of, zone_named
from appointments.models import PlannedSession, SessionStatus

from . import kinds
from .kinds import Message, Source, first_url
from .models import Kind, ReminderOccurrence
from .scheduling import LocalWindow


def _day_bounds(day: dt.date, zone_name: str) -> tuple[dt.datetime, dt.datetime]:
    zone = zone_named(zone_name)
    start = dt.datetime.combine(day, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def _tomorrow(window: LocalWindow, zones: list[str]) -> Q:
    """Clients in these zones with a planned session tomorrow on their own calendar."""
    condition = Q(pk__in=[])
    for zone in zones:
        start, end = _day_bounds(window.day + dt.timedelta(days=1), zone)
        clients = PlannedSession.objects.filter(
            status=SessionStatus.PLANNED, starts_at__gte=start, starts_at__lt=end, client__user__timezone=zone
        ).values("client_id")
        condition |= Q(user__timezone=zone, user__client_record__in=clients)
    return condition


def sources() -> list[Source]:
    active = lambda qs: qs.filter(user__client_record__status="active")  # noqa: E731
    return [Source(Kind.SESSION_EVE, "session-eve", extra=_tomorrow, narrow=active)]


def _session_tomorrow(occurrence: ReminderOccurrence):
    recipient = occurrence.recipient
    day = day_of(recipient, occurrence.slot) + dt.timedelta(days=1)
    start, end = _day_bounds(day, recipient.timezone)
    return (
        PlannedSession.objects.filter(
            client__user_id=recipient.pk, status=SessionStatus.PLANNED, starts_at__gte=start, starts_at__lt=end
        )
        .order_by("starts_at")
        .first()
    )


def still_due(occurrence: ReminderOccurrence) -> bool:
    """Not if the session was moved off tomorrow or cancelled since the sweep."""
    return _session_tomorrow(occurrence) is not None


def message(occurrence: ReminderOccurrence) -> Message:
    from appointments import display

    session = _session_tomorrow(occurrence)
    lines = []
    if session is not None:
        lines.append(
            _("Your session is tomorrow at %(time)s.") % {"time": display.clock(session, occurrence.recipient)}
        )
    lines.append(_("If something happened that you would like your therapist to know, you can share diary notes now."))
    return Message(
        subject=_("Anything you want to share before tomorrow?"),
        lines=lines,
        link=first_url(("diary:sharing", {}), ("diary:entry_list", {})),
        link_label=_("Choose what to share"),
    )


kinds.EXTRA_SOURCES.append(sources)
kinds.MESSAGES[Kind.SESSION_EVE] = message
kinds.STILL_DUE[Kind.SESSION_EVE] = still_due
