"""How a planned session's time is written, in the reader's zone and language: the one formatter
for the client home, the therapist's pages, session preparation and reminders."""

from __future__ import annotations

import datetime as dt

from django.utils import translation
from django.utils.dateformat import format as date_format

from accounts.localtime import zone_of


def _month() -> str:
    return "b" if (translation.get_language() or "en").startswith("nl") else "M"


def local_start(session, viewer) -> dt.datetime:
    return session.starts_at.astimezone(zone_of(viewer))


def when(session, viewer) -> str:
    """'Tue 8 Dec 2026, 10:00–10:50' on the viewer's clock ('di 8 dec 2026, 10:00–10:50')."""
    start = local_start(session, viewer)
    end = session.ends_at.astimezone(zone_of(viewer))
    return f"{date_format(start, f'D j {_month()} Y')}, {date_format(start, 'H:i')}–{date_format(end, 'H:i')}"


def day(session, viewer) -> str:
    return date_format(local_start(session, viewer), f"D j {_month()}")


def clock(session, viewer) -> str:
    return date_format(local_start(session, viewer), "H:i")
