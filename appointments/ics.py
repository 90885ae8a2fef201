"""Planned sessions as iCalendar (RFC 5545), written with the `icalendar` library.

The therapist's feed names no client: a session reads "Session · A.B." (the client's initials),
with no description, link or location, because calendar services keep and sync what they are
given. The client's own download may carry the online link (it is theirs to use).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from icalendar import Calendar, Event

from .models import Mode, SessionStatus

PRODID = "-//securebase//sessions//EN"


def initials(name: str) -> str:
    letters = [part[0].upper() for part in name.replace("-", " ").split() if part and part[0].isalpha()]
    return ".".join(letters[:3]) + "." if letters else ""


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def _event(session, summary: str, *, now: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"{session.uid}@securebase")
    event.add("dtstamp", now)
    event.add("dtstart", session.starts_at.astimezone(dt.UTC))
    event.add("dtend", session.ends_at.astimezone(dt.UTC))
    event.add("summary", summary)
    event.add("sequence", session.sequence)
    event.add("status", "CANCELLED" if session.status == SessionStatus.CANCELLED else "CONFIRMED")
    return event


def client_file(session) -> bytes:
    """One session for the client's own calendar."""
    cal = _calendar(_("Therapy session"))
    cal.add("method", "PUBLISH")
    event = _event(session, _("Therapy session"), now=timezone.now())
    if session.mode == Mode.ONLINE and session.link:
        event.add("location", session.link)
        event.add("url", session.link)
    else:
        event.add("location", _("In person"))
    cal.add_component(event)
    return cal.to_ical()


def feed(sessions) -> bytes:
    """The therapist's calendar: initials or "Session", nothing else about the client."""
    cal = _calendar("securebase")
    cal.add("x-published-ttl", "PT1H")
    now = timezone.now()
    for session in sessions:
        short = initials(session.client.display_name)
        word = pgettext("calendar event", "Session")
        summary = f"{word} · {short}" if short else word
        if session.mode == Mode.ONLINE:
            summary += f" ({pgettext('calendar event', 'online')})"
        cal.add_component(_event(session, summary, now=now))
    return cal.to_ical()


def content_disposition(filename: str) -> str:
    return f'attachment; filename="{filename}"'
