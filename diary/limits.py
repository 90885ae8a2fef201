"""Bounds on what a person may type into the diary, shared by every form that takes the same kind of input.

Goal check-ins use these too, so a date or a note accepted in one place is accepted in the other.
"""

import datetime as dt

from django.utils.translation import gettext_lazy as _

# No one keeps a diary about the last millennium here; earlier dates are typing slips (0001-01-01).
EARLIEST_DATE = dt.date(2000, 1, 1)
EARLIEST_DATE_MESSAGE = _("Choose a date from the year 2000 on.")

# Characters: a long story, a note, one sentence.
STORY_MAX_LENGTH = 5000
NOTE_MAX_LENGTH = 2000
SENTENCE_MAX_LENGTH = 300


def clamp_day(day: dt.date, today: dt.date) -> dt.date:
    """``day`` moved into [EARLIEST_DATE, today]: a far-off week in a link shows the nearest real one."""
    return min(max(day, EARLIEST_DATE), today)
