"""Which local wall-clock minutes a UTC minute stands for, per timezone (pure functions).

The sweep never converts times per user: users are grouped by timezone (a handful of distinct
zones), each zone's local minute is computed here once, and zones that show the same local
minute share one condition in a single SQL query.

Daylight saving: when the clock jumps forward (Europe/Amsterdam 2026-03-29 02:00 → 03:00) the
local times inside the gap do not exist; they fire at the first minute after the gap. When it
falls back (2026-10-25 03:00 → 02:00) the repeated hour fires only the first time round.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from accounts.localtime import zone_named


@dataclass(frozen=True)
class LocalWindow:
    """Local times t with start <= t <= until on `day` (one minute, or a DST gap)."""

    day: date
    start: time
    until: time

    @property
    def isoweekday(self) -> int:
        return self.day.isoweekday()


def floor_minute(instant: datetime) -> datetime:
    return instant.astimezone(UTC).replace(second=0, microsecond=0)


def local_window(slot_utc: datetime, tz_name: str) -> LocalWindow | None:
    """The local minutes that fall due at this UTC minute in this zone (None: nothing new)."""
    zone = zone_named(tz_name)
    now_local = slot_utc.astimezone(zone)
    if now_local.fold:
        # The second pass through a repeated hour: those local times already fired.
        return None
    current = now_local.time().replace(second=0, microsecond=0)
    prev_local = (slot_utc - timedelta(minutes=1)).astimezone(zone)
    wall_step = now_local.replace(tzinfo=None) - prev_local.replace(tzinfo=None)
    if wall_step <= timedelta(minutes=1):
        return LocalWindow(now_local.date(), current, current)
    # A forward jump: every local time skipped over is due now, on today's date.
    if prev_local.date() != now_local.date():
        return LocalWindow(now_local.date(), time(0, 0), current)
    first_skipped = (prev_local.replace(tzinfo=None) + timedelta(minutes=1)).time().replace(second=0, microsecond=0)
    return LocalWindow(now_local.date(), first_skipped, current)


def group_zones(slot_utc: datetime, zones: list[str]) -> dict[LocalWindow, list[str]]:
    groups: dict[LocalWindow, list[str]] = {}
    for name in zones:
        window = local_window(slot_utc, name)
        if window is not None:
            groups.setdefault(window, []).append(name)
    return groups
