"""The diary: emotions per week (dot area = how often, darkness = mean intensity) and felt safety."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from . import plane_labels
from .layout import WIDE, Layout
from .svg import (
    GRID_COLOUR,
    SAFETY_COLOUR,
    Chart,
    LinearScale,
    Shape,
    Table,
    _day,
    _fmt,
    _line,
    _marker,
    _polyline,
    _text,
    _week_labels,
)

ROW_H, TOP, SAFETY_H = 22, 20, 90


@dataclass(frozen=True)
class EmotionWeek:
    week: date
    emotion: str  # already a display label
    count: int
    mean_intensity: float | None


@dataclass(frozen=True)
class SafetyWeek:
    week: date
    mean_safety: float | None
    entries: int


@dataclass(frozen=True)
class _Grid:
    """Where the diary chart's parts go: the emotion rows, the week columns and the safety panel."""

    names: list[str]
    left: float
    right: float
    width: float
    col_x: dict[date, float]
    radius_max: float
    safety_top: float
    height: float


def _top_emotions(emotions: Sequence[EmotionWeek], most: int) -> list[str]:
    totals: dict[str, int] = {}
    for e in emotions:
        totals[e.emotion] = totals.get(e.emotion, 0) + e.count
    return sorted(totals, key=lambda name: (-totals[name], name))[:most]


def _grid(weeks: Sequence[date], names: list[str], layout: Layout) -> _Grid:
    left, right = 110, 16
    if layout is not WIDE:  # as much room for the names as the longest needs, the rest for the weeks
        longest = max((plane_labels.text_width(name, layout.font) for name in names), default=0)
        left, right = min(130, max(48, round(longest) + 12)), 10
    width = layout.width
    safety_top = TOP + ROW_H * max(1, len(names)) + 36
    col_w = (width - left - right) / max(1, len(weeks))
    return _Grid(
        names=names,
        left=left,
        right=right,
        width=width,
        col_x={w: left + col_w * (i + 0.5) for i, w in enumerate(weeks)},
        radius_max=max(2.0, min(col_w, ROW_H) / 2 - 1),
        safety_top=safety_top,
        height=safety_top + SAFETY_H + 34,
    )


def _emotion_dot(g: _Grid, e: EmotionWeek, cy: float, biggest: int, title: str) -> Shape:
    # Area, not radius, proportional to frequency so a doubled count looks doubled.
    radius = g.radius_max * math.sqrt(e.count / biggest)
    intensity = e.mean_intensity if e.mean_intensity is not None else 0
    return Shape(
        "circle",
        {"cx": g.col_x[e.week], "cy": cy, "r": radius, "fill": "#6A3D9A",
         "fill_opacity": round(0.2 + 0.8 * intensity / 10, 3)},
        key="emotion-dot",
        title=title % {"week": _day(e.week), "emotion": e.emotion, "count": e.count, "mean": _fmt(e.mean_intensity, 1)},
    )  # fmt: skip


def _emotion_rows(g: _Grid, weeks: Sequence[date], emotions: Sequence[EmotionWeek]) -> list[Shape]:
    cell = {(e.emotion, e.week): e for e in emotions}
    biggest = max((e.count for e in emotions if e.emotion in g.names), default=1)
    title = _("Week of %(week)s: %(emotion)s %(count)s×, mean intensity %(mean)s")  # once, not per dot
    shapes: list[Shape] = []
    for r, name in enumerate(g.names):
        cy = TOP + ROW_H * (r + 0.5)
        shapes.append(_text(g.left - 8, cy + 4, name, key="emotion-label", text_anchor="end"))
        shapes.append(_line(g.left, cy, g.width - g.right, cy, stroke=GRID_COLOUR, stroke_width=0.5))
        for w in weeks:
            e = cell.get((name, w))
            if e and e.count:
                shapes.append(_emotion_dot(g, e, cy, biggest, title))
    return shapes


def _safety_panel(g: _Grid, weeks: Sequence[date], safety: Sequence[SafetyWeek]) -> list[Shape]:
    y = LinearScale((0, 10), (g.safety_top + SAFETY_H, g.safety_top))
    shapes = [_text(8, g.safety_top - 10, _("Felt safety (0–10)"), key="panel-label-safety", font_weight="bold")]
    for tick in (0, 5, 10):
        shapes.append(_line(g.left, y(tick), g.width - g.right, y(tick), stroke=GRID_COLOUR))
        shapes.append(_text(g.left - 8, y(tick) + 4, str(tick), text_anchor="end"))
    by_week = {s.week: s for s in safety}
    known = [by_week[w] for w in weeks if w in by_week and by_week[w].mean_safety is not None]
    if len(known) > 1:
        coords = [(g.col_x[s.week], y(s.mean_safety)) for s in known]
        shapes.append(_polyline(coords, key="line-safety", stroke=SAFETY_COLOUR, stroke_width=2))
    week_title = _("Week of %(week)s: mean felt safety %(mean)s")
    for s in known:
        title = week_title % {"week": _day(s.week), "mean": _fmt(s.mean_safety, 1)}
        shapes.append(_marker(g.col_x[s.week], y(s.mean_safety), "circle", SAFETY_COLOUR, "point-safety", title))
    return shapes


def _rows(weeks: Sequence[date], emotions: Sequence[EmotionWeek], safety: Sequence[SafetyWeek]) -> list[list[str]]:
    by_week = {s.week: s for s in safety}
    emotions_by_week: dict[date, list[EmotionWeek]] = {}
    for e in emotions:
        if e.count:
            emotions_by_week.setdefault(e.week, []).append(e)
    rows = []
    for w in reversed(weeks):  # the latest week first: it is the one a reader looks for
        s = by_week.get(w)
        week_emotions = sorted(emotions_by_week.get(w, ()), key=lambda e: (-e.count, e.emotion))
        rows.append(
            [
                _day(w),
                str(s.entries if s else 0),
                ", ".join(f"{e.emotion} {e.count}× ({_fmt(e.mean_intensity, 1)})" for e in week_emotions) or "—",
                _fmt(s.mean_safety if s else None, 1),
            ]
        )
    return rows


def diary_chart(
    weeks: Sequence[date],
    emotions: Sequence[EmotionWeek],
    safety: Sequence[SafetyWeek],
    *,
    slug: str = "diary",
    max_emotions: int = 10,
    shared_only: bool = True,
    layout: Layout = WIDE,
) -> Chart:
    """A grid of emotions by week (dot area = how often, darkness = mean intensity 0–10),
    with the week's average felt safety (0–10) below it. Built from shared entries only:
    the selector that feeds it applies the client's sharing choice."""
    weeks = sorted(weeks)
    g = _grid(weeks, _top_emotions(emotions, max_emotions), layout)
    shapes = _emotion_rows(g, weeks, emotions) + _safety_panel(g, weeks, safety)
    shapes += _week_labels(weeks, [g.col_x[w] for w in weeks], g.height - 12, layout)
    entries = sum(s.entries for s in safety)
    desc = (
        _("%(entries)s shared entries over %(weeks)s weeks.")
        if shared_only
        else _("%(entries)s entries over %(weeks)s weeks.")
    )
    return Chart(
        slug=slug + layout.suffix,
        font_size=layout.font,
        layout=layout.name,
        title=_("Diary: emotions per week and felt safety"),
        desc=desc % {"entries": entries, "weeks": len(weeks)},
        width=g.width,
        height=g.height,
        shapes=shapes,
        table=Table(
            caption=_("Shared diary entries per week") if shared_only else _("Diary entries per week"),
            columns=[_("Week of"), _("Entries"), _("Emotions (times, mean intensity)"), _("Mean felt safety")],
            rows=_rows(weeks, emotions, safety) if layout is WIDE else [],
        ),
        notes=[
            _("Only entries the client has shared are counted. Dot size: how often; darker: more intense.")
            if shared_only
            else _(
                "All your entries, private ones included (your therapist sees only shared ones). "
                "Dot size: how often; darker: more intense."
            )
        ],
        empty=entries == 0,
    )
