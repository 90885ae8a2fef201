"""Server-rendered SVG charts, as pure functions from plain data to geometry; one module per chart.

Why SVG built here and not a JS chart library: the CSP forbids inline scripts and style
attributes, pages must print, and a therapist should get the chart with the first byte. Every
builder returns a `Chart`: its shapes (with the coordinates the tests check), an accessible
title/description and the same figures as a table to show beside it.

- `svg`: scales, shapes, the table and the chart (the primitives every chart uses);
- `layout`: the desktop and phone drawings; `plane_labels`: where words fit without touching;
- `scores`: anxiety and avoidance over time, with `marks` (sessions as ticks, milestones);
  `plane`: the attachment plane (one function for
  a client over time and for the relationships); `diary`; `goals` (attempts and GAS).

Nothing here touches the database or the request: the dashboard's selectors gather the data,
the presenters call these functions. Strings are translated at call time (gettext), so a chart
comes out in the language active for the request.
"""

from accounts.localtime import week_start

from .diary import EmotionWeek, SafetyWeek, diary_chart
from .goals import GasReview, GoalWeeks, gas_chart, goal_attempts_chart
from .layout import PHONE, WIDE, Layout
from .marks import Milestone
from .plane import (
    CORNERS,
    PlaneMark,
    PlaneWords,
    TargetPoint,
    attachment_plane_chart,
    corner_labels,
    corner_of,
    plane_chart,
    relationship_plane_chart,
)
from .scores import (
    DimensionReference,
    ScorePoint,
    dimension_labels,
    lay_dimension_labels,
    reliable_change_band,
    s_diff,
    score_timeline_chart,
)
from .svg import Band, Chart, LinearScale, Shape, Table, _num, date_scale, one_language, with_phone

__all__ = [
    "CORNERS", "PHONE", "WIDE", "Band", "Chart", "DimensionReference", "EmotionWeek", "GasReview", "GoalWeeks",
    "Layout", "LinearScale", "Milestone", "PlaneMark", "PlaneWords", "SafetyWeek", "ScorePoint", "Shape", "Table",
    "TargetPoint", "_num", "attachment_plane_chart", "corner_labels", "corner_of", "date_scale", "diary_chart",
    "dimension_labels", "gas_chart", "goal_attempts_chart", "lay_dimension_labels", "one_language", "plane_chart",
    "relationship_plane_chart", "reliable_change_band", "s_diff", "score_timeline_chart", "week_start",
    "with_phone",
]  # fmt: skip
