"""Local wall-clock times of planned sessions, as pure functions (DST-correct).

A session is planned as a date and a time on a wall clock in a zone. ``instant`` turns that into
one UTC moment; a series steps the *local date*, never the UTC instant, so a weekly 10:00 in
Amsterdam stays 10:00 there across the change to and from summer time. A time that does not
exist on a spring-forward day (02:30 in Amsterdam on 29 March) is read with the offset before
the change (it becomes 03:30); a time that occurs twice in the autumn is its first occurrence.
"""

from __future__ import annotations

import datetime as dt

from accounts.localtime import zone_named

# A series never plans more than this many sessions at once (two years weekly).
MAX_SERIES = 104


def instant(day: dt.date, at: dt.time, zone_name: str) -> dt.datetime:
    """The UTC moment of `at` on `day` in the zone."""
    local = dt.datetime.combine(day, at.replace(second=0, microsecond=0), tzinfo=zone_named(zone_name))
    return local.astimezone(dt.UTC)


def local(moment: dt.datetime, zone_name: str) -> dt.datetime:
    return moment.astimezone(zone_named(zone_name))


def series_days(first: dt.date, interval_weeks: int, until: dt.date) -> list[dt.date]:
    """The dates of a weekly (1) or fortnightly (2) series from `first` to `until` inclusive."""
    step = dt.timedelta(weeks=interval_weeks)
    days, day = [], first
    while day <= until and len(days) < MAX_SERIES:
        days.append(day)
        day += step
    return days
