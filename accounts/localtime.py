"""A person's time zone, their "today" and the start of a week: one rule for every app.

Every page, task and alert that asks "which day is it for this person?" calls these, so the
diary, goals, the safety net and the reminders cannot disagree about the date.

The zone is the user's own setting. A blank or unknown name (a zone that a tzdata update
removed, a row written by hand) falls back to the installation's zone, ``settings.TIME_ZONE``:
that is where the practice works (and, today, User.timezone's default), so a broken setting
shows the practice's clock rather than UTC's. Weeks start on Monday (ISO 8601).

During a request the middleware activates ``zone_of(request.user)``, so Django's
``timezone.localdate()`` there is the viewer's ``today_for``. Code about a client (their
diary, goals, alerts, reminders, questionnaires) asks ``client_today``/``day_of`` instead,
because a therapist's page and a background task must see the client's calendar.
"""

import datetime as dt
import zoneinfo

from django.utils import timezone

# What ZoneInfo raises for a name it cannot load: unknown, blank or a path ("../x"), not a
# string at all, or a folder of zones ("Europe") on some platforms.
BAD_ZONE = (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError, IsADirectoryError)


def zone_named(name: str | None) -> dt.tzinfo:
    """The zone called ``name``; the installation's zone when there is no such zone."""
    try:
        return zoneinfo.ZoneInfo(name)
    except BAD_ZONE:
        return timezone.get_default_timezone()


def zone_of(user) -> dt.tzinfo:
    return zone_named(getattr(user, "timezone", None))


def now_for(user) -> dt.datetime:
    """This moment on the user's wall clock (aware, in their zone)."""
    return timezone.now().astimezone(zone_of(user))


def today_for(user) -> dt.date:
    return now_for(user).date()


def day_of(user, instant: dt.datetime) -> dt.date:
    """The user's local date of ``instant``: the day an entry, score or reminder belongs to."""
    return instant.astimezone(zone_of(user)).date()


def client_today(client) -> dt.date:
    """Today for a client record (its login's zone); duck-typed so accounts imports no app above it."""
    return today_for(client.user)


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())
