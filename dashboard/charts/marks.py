"""Sessions and milestones on a chart drawn against time.

Sessions are short ticks on the time axis, each with its date as a tooltip. A milestone is a
dashed line across the panels with a numbered marker and, where there is room before the next
one, its words; every milestone is also listed in words under the chart (for screen readers, the
table view, print and narrow phones). The therapist's milestones (clinical) are drawn dark and
dashed long; the client's own words in green and dotted, so colour is never the only cue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from .svg import SAFETY_COLOUR, LinearScale, Shape, _day, _line, _text

SESSION_COLOUR = "#555555"
CLINICAL_COLOUR = "#333333"
CLIENT_COLOUR = SAFETY_COLOUR
# Room above the panels for the milestone markers.
MARK_BAND = 18


@dataclass(frozen=True)
class Milestone:
    day: date
    text: str
    by_client: bool


def in_range(days: Sequence[date], first: date | None, last: date | None) -> list[date]:
    if first is None or last is None:
        return []
    return [d for d in days if first <= d <= last]


def session_ticks(days: Sequence[date], x: LinearScale, axis_y: float) -> list[Shape]:
    shapes = []
    for day in days:
        px = x(day.toordinal())
        tick = _line(px, axis_y - 7, px, axis_y + 3, key="session-tick", stroke=SESSION_COLOUR, stroke_width=2)
        tick.title = _("Session %(date)s") % {"date": _day(day)}
        shapes.append(tick)
    return shapes


def who(milestone: Milestone) -> str:
    return _("the client's words") if milestone.by_client else _("clinical")


def milestone_shapes(
    milestones: Sequence[Milestone], x: LinearScale, top: float, bottom: float, font: float, right: float
) -> list[Shape]:
    """Lines from `top` to `bottom`, numbered markers above them, words where they fit."""
    shapes: list[Shape] = []
    placed = [(x(m.day.toordinal()), m) for m in milestones]
    for index, (px, m) in enumerate(placed, start=1):
        colour = CLIENT_COLOUR if m.by_client else CLINICAL_COLOUR
        dash = "2 3" if m.by_client else "6 3"
        key = "milestone-client" if m.by_client else "milestone-clinical"
        shapes.append(_line(px, top, px, bottom, key=key, stroke=colour, stroke_dasharray=dash, stroke_width=1.5))
        limit = (placed[index][0] if index < len(placed) else right) - px - 4
        words = _fit(f"{index} {m.text}", limit, font)
        label = _text(px + 2, top - 4, words, key="milestone-label", fill=colour, font_size=font)
        label.title = f"{_day(m.day)}: {m.text} ({who(m)})"
        shapes.append(label)
    return shapes


def _fit(text: str, width: float, font: float) -> str:
    """As much of `text` as fits `width` (about 0.55 em a character), ending in '…' when cut;
    at least the number."""
    room = int(width / (font * 0.55))
    if len(text) <= room:
        return text
    number = text.split(" ", 1)[0]
    return text[: room - 1].rstrip() + "…" if room - 1 > len(number) + 1 else number


def notes(milestones: Sequence[Milestone], sessions: Sequence[date]) -> list[str]:
    """The milestones in words, numbered as on the chart, and how many sessions the ticks show."""
    lines = []
    if sessions:
        lines.append(_("Ticks on the time axis: sessions (%(n)s shown).") % {"n": len(sessions)})
    for index, m in enumerate(milestones, start=1):
        lines.append(
            _("Milestone %(n)s, %(date)s: %(text)s (%(who)s)")
            % {"n": index, "date": _day(m.day), "text": m.text, "who": who(m)}
        )
    return lines
