"""Goals: check-ins per week against the weekly target, and the GAS T-score over reviews."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from . import plane_labels
from .layout import WIDE, Layout
from .svg import (
    GOAL_COLOURS,
    GRID_COLOUR,
    TARGET_COLOUR,
    Chart,
    LinearScale,
    Shape,
    Table,
    _date_labels,
    _date_ticks,
    _day,
    _fmt,
    _line,
    _marker,
    _polyline,
    _text,
    _week_labels,
    date_scale,
)

PANEL_H, GAP, TOP = 70, 34, 8


@dataclass(frozen=True)
class GoalWeeks:
    title: str
    target_per_week: int | None
    attempts: dict[date, int]  # week start -> check-ins that week


@dataclass(frozen=True)
class _Columns:
    left: float
    right: float
    width: float
    col_w: float


def _goal_panel(goal: GoalWeeks, colour: str, title: list[str], y0: float, weeks, c: _Columns, line_h: int):
    """One goal's title (on as many lines as it needs), axis, bars and dashed target line."""
    most = max([goal.target_per_week or 0, *goal.attempts.values(), 1])
    y = LinearScale((0, most), (y0 + PANEL_H, y0))
    shapes = [
        _text(c.left, y0 - 8 - line_h * (len(title) - 1 - k), line, key="goal-label", font_weight="bold")
        for k, line in enumerate(title)
    ]
    shapes.append(_line(c.left, y(0), c.width - c.right, y(0), stroke="#888888"))
    shapes.append(_text(c.left - 6, y(most) + 4, str(most), text_anchor="end"))
    shapes.append(_text(c.left - 6, y(0) + 4, "0", text_anchor="end"))
    bar_title = _("Week of %(week)s: %(n)s attempts")
    for i, w in enumerate(weeks):
        n = goal.attempts.get(w, 0)
        if n:
            shapes.append(
                Shape(
                    "rect",
                    {"x": c.left + c.col_w * i + c.col_w * 0.15, "y": y(n), "width": c.col_w * 0.7,
                     "height": y(0) - y(n), "fill": colour},
                    key="attempt-bar",
                    title=bar_title % {"week": _day(w), "n": n},
                )
            )  # fmt: skip
    if goal.target_per_week:
        target = y(goal.target_per_week)
        shapes.append(
            _line(c.left, target, c.width - c.right, target, key="target-line", stroke=TARGET_COLOUR,
                  stroke_dasharray="6 3", stroke_width=1.5)
        )  # fmt: skip
    return shapes


def goal_attempts_chart(
    goals: Sequence[GoalWeeks], weeks: Sequence[date], *, slug: str = "goals", layout: Layout = WIDE
) -> Chart:
    """One small bar chart per goal: check-ins per week, with the weekly target as a dashed line.
    A goal's title too long for the chart's width runs onto more lines above its bars."""
    weeks = sorted(weeks)
    width, left, right = layout.width, layout.left, 16 if layout is WIDE else 10
    line_h = round(layout.font * 1.3)
    c = _Columns(left, right, width, (width - left - right) / max(1, len(weeks)))
    shapes: list[Shape] = []
    cursor = TOP
    for g_index, goal in enumerate(goals):
        title = plane_labels.wrap(goal.title, width - left - right, layout.font, bold=True)
        extra = line_h * (len(title) - 1)
        colour = GOAL_COLOURS[g_index % len(GOAL_COLOURS)]
        shapes += _goal_panel(goal, colour, title, cursor + GAP - 8 + extra, weeks, c, line_h)
        cursor += PANEL_H + GAP + extra
    height = (cursor if goals else TOP + PANEL_H + GAP) + (14 if layout is WIDE else 18)
    shapes += _week_labels(weeks, [left + c.col_w * (i + 0.5) for i in range(len(weeks))], height - 4, layout)
    total = sum(sum(g.attempts.values()) for g in goals)
    return Chart(
        slug=slug + layout.suffix,
        font_size=layout.font,
        layout=layout.name,
        title=_("Goal attempts per week against target"),
        desc=_("%(goals)s goals, %(attempts)s attempts over %(weeks)s weeks.")
        % {"goals": len(goals), "attempts": total, "weeks": len(weeks)},
        width=width,
        height=height,
        shapes=shapes,
        table=Table(
            caption=_("Attempts per week"),
            columns=[_("Week of")]
            + [_("%(goal)s (target %(n)s)") % {"goal": g.title, "n": g.target_per_week or "—"} for g in goals],
            rows=[[_day(w)] + [str(g.attempts.get(w, 0)) for g in goals] for w in reversed(weeks)]  # latest first
            if layout is WIDE
            else [],
        ),
        notes=[_("Bars: check-ins that week; dashed line: the weekly target.")],
        empty=not goals,
    )


@dataclass(frozen=True)
class GasReview:
    day: date
    t_score: float
    goals_rated: int = 0


def _gas_grid(y: LinearScale, lo: float, hi: float, left: float, right: float, layout: Layout) -> list[Shape]:
    shapes = []
    for tick in range(int(math.ceil(lo / 10) * 10), int(hi) + 1, 10):
        shapes.append(_line(left, y(tick), right, y(tick), stroke=GRID_COLOUR))
        shapes.append(_text(left - 6, y(tick) + 4, str(tick), text_anchor="end"))
    shapes.append(_line(left, y(50), right, y(50), key="expected-line", stroke=TARGET_COLOUR, stroke_dasharray="6 3"))
    shapes.append(_text(right, y(50) - 4, _("expected (50)"), text_anchor="end", font_size=layout.tick_font))
    return shapes


def gas_chart(reviews: Sequence[GasReview], *, slug: str = "gas", layout: Layout = WIDE) -> Chart:
    """GAS T-score across goals at each review; 50 is 'as expected' (Kiresuk & Sherman, 1968)."""
    reviews = sorted(reviews, key=lambda r: r.day)
    width, height, left, right, top, bottom = layout.width, 200, layout.left, 16 if layout is WIDE else 10, 16, 30
    lo = min([20.0, *(r.t_score for r in reviews)])
    hi = max([80.0, *(r.t_score for r in reviews)])
    y = LinearScale((lo, hi), (height - bottom, top))
    x = date_scale([r.day for r in reviews], (left + 10, width - right - 10))
    shapes = _gas_grid(y, lo, hi, left, width - right, layout)
    coords = [(x(r.day.toordinal()), y(r.t_score)) for r in reviews]
    if len(coords) > 1:
        shapes.append(_polyline(coords, key="line-gas", stroke="#6A3D9A", stroke_width=2))
    for r, (px, py) in zip(reviews, coords, strict=True):
        title = f"{_day(r.day)}: T = {_fmt(r.t_score, 1)}"
        shapes.append(_marker(px, py, "circle", "#6A3D9A", key="point-gas", title=title))
    shapes += _date_labels(_date_ticks([r.day for r in reviews], most=layout.date_ticks), x, height - 8, layout)
    return Chart(
        slug=slug + layout.suffix,
        font_size=layout.font,
        layout=layout.name,
        title=_("Goal attainment (GAS T-score) over reviews"),
        desc=(
            _("%(n)s reviews; latest T-score %(t)s.") % {"n": len(reviews), "t": _fmt(reviews[-1].t_score, 1)}
            if reviews
            else _("No goal reviews yet.")
        ),
        width=width,
        height=height,
        shapes=shapes,
        table=Table(
            caption=_("GAS T-score per review"),
            columns=[_("Date"), _("T-score"), _("Goals rated")],
            rows=[[_day(r.day), _fmt(r.t_score, 1), str(r.goals_rated)] for r in reviews] if layout is WIDE else [],
        ),
        notes=[_("T = 50 + 10·Σx / √(0.7·n + 0.3·n²) for equally weighted goals (Kiresuk & Sherman, 1968).")],
        empty=not reviews,
    )
