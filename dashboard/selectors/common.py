"""What every dashboard read shares: which instruments it follows, and reliable change judged
by the one rule in `assessments.change`."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from assessments import change
from assessments.loader import Instrument, get_instrument

# The instrument the caseload and the progress charts follow: the global ECR-R. ECR-RS
# scores are per relationship and are not mixed into one line.
PRIMARY_INSTRUMENT = "ecr-r"
# ECR-RS is charted in its own section, one series per relationship target.
RELATIONSHIP_INSTRUMENT = "ecr-rs"


def primary_instrument() -> Instrument:
    return get_instrument(PRIMARY_INSTRUMENT)


def judge(before, after, figures) -> change.Change | None:
    """The reliable change from `before` to `after` with (sd, r), or None when a score is missing."""
    if before is None or after is None:
        return None
    return change.reliable_change(before, after, *figures)


def local_date(value, tz: dt.tzinfo | None = None) -> dt.date:
    """A date from a DateField, a truncated datetime or a moment, in `tz` (default: active)."""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            return value.astimezone(tz).date() if tz else timezone.localtime(value).date()
        return value.date()
    return value
