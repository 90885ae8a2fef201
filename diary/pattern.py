"""The client's pattern map: which reactions come with which people, emotions and felt safety,
and how that changes month by month.

Pure functions over plain rows (``PatternRow``); ``selectors.pattern_rows`` fetches them from
the entries a viewer may see, so the therapist's map is drawn from shared entries only and
private entries cannot change it. Sentences come from translatable templates with
placeholders, every piece in the active language.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.dateformat import format as date_format
from django.utils.translation import get_language, ngettext, pgettext_lazy
from django.utils.translation import gettext as _

from .models import Emotion, Reaction, WithWhom

# The most recent months the map shows; older entries still count in the totals.
MONTHS_SHOWN = 6

# Reactions as the object of "what you did most often: …" (an infinitive in both languages).
REACTION_PHRASES = {
    Reaction.SOUGHT_CLOSENESS: pgettext_lazy("pattern reaction", "seek closeness"),
    Reaction.WITHDREW: pgettext_lazy("pattern reaction", "withdraw"),
    Reaction.ATTACKED: pgettext_lazy("pattern reaction", "attack or blame"),
    Reaction.TALKED: pgettext_lazy("pattern reaction", "talk about it"),
    Reaction.ASKED_HELP: pgettext_lazy("pattern reaction", "ask for help"),
    Reaction.OTHER: pgettext_lazy("pattern reaction", "something else"),
}
PERSON_PHRASES = {
    WithWhom.PARTNER: pgettext_lazy("pattern person", "with your partner"),
    WithWhom.FAMILY: pgettext_lazy("pattern person", "with family"),
    WithWhom.FRIEND: pgettext_lazy("pattern person", "with a friend"),
    WithWhom.COLLEAGUE: pgettext_lazy("pattern person", "with a colleague"),
    WithWhom.OTHER: pgettext_lazy("pattern person", "with someone else"),
    WithWhom.ALONE: pgettext_lazy("pattern person", "on your own"),
}


@dataclass(frozen=True)
class PatternRow:
    """One diary entry as the map needs it: its local month and what was noted."""

    month: dt.date  # the first day of the month, in the client's time zone
    with_whom: str
    reactions: tuple[str, ...]
    emotions: tuple[str, ...]
    felt_safety: int | None


@dataclass
class PatternMap:
    entries: int = 0
    reactions: list[str] = field(default_factory=list)  # in Reaction order, only those noted
    people: list[str] = field(default_factory=list)
    months: list[dt.date] = field(default_factory=list)
    by_reaction: Counter = field(default_factory=Counter)
    by_person: dict[tuple[str, str], int] = field(default_factory=dict)  # (reaction, person)
    by_emotion: dict[tuple[str, str], int] = field(default_factory=dict)  # (reaction, emotion)
    by_month: dict[tuple[str, dt.date], int] = field(default_factory=dict)  # (reaction, month)
    safety: dict[str, float] = field(default_factory=dict)  # mean felt safety per reaction


def _ordered(codes, choices) -> list[str]:
    return [code for code in choices.values if code in codes]


def _reactions(row: PatternRow) -> list[str]:
    # An entry counts once per reaction, however often the list repeats it.
    return [code for code in dict.fromkeys(row.reactions) if code in Reaction.values]


def build_map(rows: list[PatternRow]) -> PatternMap:
    """Counts per reaction × person, × emotion and × month, and mean felt safety per reaction."""
    pmap = PatternMap(entries=len(rows))
    by_person: Counter = Counter()
    by_emotion: Counter = Counter()
    by_month: Counter = Counter()
    safety: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        for reaction in _reactions(row):
            pmap.by_reaction[reaction] += 1
            if row.with_whom:
                by_person[reaction, row.with_whom] += 1
            for emotion in dict.fromkeys(row.emotions):
                by_emotion[reaction, emotion] += 1
            by_month[reaction, row.month] += 1
            if row.felt_safety is not None:
                safety[reaction].append(row.felt_safety)
    pmap.reactions = _ordered(pmap.by_reaction, Reaction)
    pmap.people = _ordered({person for _, person in by_person}, WithWhom)
    pmap.months = _month_range({row.month for row in rows})[-MONTHS_SHOWN:]
    pmap.by_person, pmap.by_emotion, pmap.by_month = dict(by_person), dict(by_emotion), dict(by_month)
    pmap.safety = {code: round(sum(values) / len(values), 1) for code, values in safety.items()}
    return pmap


def _month_range(months: set[dt.date]) -> list[dt.date]:
    """Every month from the first to the last noted one: a month without entries shows as 0."""
    if not months:
        return []
    month, last, every = min(months), max(months), []
    while month <= last:
        every.append(month)
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return every


def _top(counts: dict[tuple[str, str], int], key: str) -> tuple[list[str], int, int] | None:
    """The most frequent reactions with ``key`` (all of them when tied, in Reaction order),
    their count and the total."""
    mine = {reaction: n for (reaction, other), n in counts.items() if other == key}
    if not mine:
        return None
    most = max(mine.values())
    return [code for code in _ordered(mine, Reaction) if mine[code] == most], most, sum(mine.values())


def _reaction_words(codes: list[str]) -> str:
    words = [str(REACTION_PHRASES[code]) for code in codes]
    if len(words) == 1:
        return words[0]
    return _("%(some)s and %(last)s") % {"some": ", ".join(words[:-1]), "last": words[-1]}


def _most_noted(counts: dict[tuple[str, str], int], choices) -> str | None:
    totals: Counter = Counter()
    for (_reaction, other), n in counts.items():
        totals[other] += n
    if not totals:
        return None
    return max(_ordered(totals, choices), key=lambda code: totals[code])


def times(count: int) -> str:
    return ngettext("%(count)s time", "%(count)s times", count) % {"count": count}


def month_label(month: dt.date) -> str:
    """A month in the reader's language: "November 2026", "november 2026"."""
    return date_format(month, "F Y")


def short_month_label(month: dt.date) -> str:
    """ "Nov 2026" / "nov 2026" (Dutch writes month names in lower case)."""
    return date_format(month, ("b" if (get_language() or "en").startswith("nl") else "M") + " Y")


def biggest_change(pmap: PatternMap) -> tuple[str, dt.date, int, dt.date, int] | None:
    """The reaction whose count moved most between the first and the last month shown."""
    if len(pmap.months) < 2:
        return None
    first, last = pmap.months[0], pmap.months[-1]
    moves = [
        (abs(pmap.by_month.get((code, last), 0) - pmap.by_month.get((code, first), 0)), code) for code in pmap.reactions
    ]
    moved = [(size, code) for size, code in moves if size > 0]
    if not moved:
        return None
    code = max(moved, key=lambda pair: pair[0])[1]
    return code, first, pmap.by_month.get((code, first), 0), last, pmap.by_month.get((code, last), 0)


def sentences(pmap: PatternMap) -> list[str]:
    """Two or three plain sentences from the figures, in the active language."""
    said = []
    person = _most_noted(pmap.by_person, WithWhom)
    top = _top(pmap.by_person, person) if person else None
    if top:
        figures = {
            "person": PERSON_PHRASES[person],
            "reaction": _reaction_words(top[0]),
            "count": top[1],
            "total": top[2],
        }
        if len(top[0]) == 1:
            said.append(_("What you did most often %(person)s: %(reaction)s (%(count)s of %(total)s).") % figures)
        else:
            said.append(
                _("What you did most often %(person)s: %(reaction)s, equally often (%(count)s of %(total)s each).")
                % figures
            )
    emotion = _most_noted(pmap.by_emotion, Emotion)
    top = _top(pmap.by_emotion, emotion) if emotion else None
    if top:
        figures = {
            "emotion": str(Emotion(emotion).label).lower(),
            "reaction": _reaction_words(top[0]),
            "count": top[1],
            "total": top[2],
        }
        if len(top[0]) == 1:
            said.append(
                _("When you felt %(emotion)s, what you did most often was: %(reaction)s (%(count)s of %(total)s).")
                % figures
            )
        else:
            said.append(
                _(
                    "When you felt %(emotion)s, what you did most often was: %(reaction)s, equally often "
                    "(%(count)s of %(total)s each)."
                )
                % figures
            )
    change = biggest_change(pmap)
    if change:
        code, first, before, last, now = change
        said.append(
            _("How often you chose “%(reaction)s”: %(before)s in %(first)s, %(now)s in %(last)s.")
            % {
                "reaction": REACTION_PHRASES[code],
                "before": times(before),
                "first": month_label(first),
                "now": times(now),
                "last": month_label(last),
            }
        )
    return said
