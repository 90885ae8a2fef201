"""Several people's or relationships' paths on one attachment plane, each with its change judged
on the plane itself.

Two pages draw it: the couple page (both partners' ECR-R over time and each partner's ECR-RS
about the other) and one client's relationship map (ECR-RS for mother, father, partner, best
friend). Each path is one `Trajectory`: its dated points joined in time order, its own marker
shape and dash (so colour is never the only cue), and, when it has two points or more, the
ellipse of no reliable change around its first point (assessments.scoring.reliable_ellipse:
the points whose Mahalanobis distance from the first is at most the χ² critical value with
2 df, 5.99). A latest point outside its ellipse moved reliably; the words say which way.

Nothing here judges a change: the selectors pass the judgement in (`Trajectory.verdict`), so
the chart shows what assessments.change decided.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .layout import PLANE_FONT
from .plane import _placed, _plane_frame, _point_labels, _target_shape, corner_labels
from .scores import ScorePoint
from .svg import Chart, Shape, Table, _day, _fmt, _num, _polyline

MARKERS = ("circle", "square", "diamond", "triangle")
# Okabe & Ito colours, kept apart for the common colour-vision deficiencies.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")
DASHES = ("", "7 4", "2 3", "9 3 2 3")


@dataclass(frozen=True)
class PlaneEllipse:
    """Where no reliable change lies around a point, in scale points (avoidance x, anxiety y)."""

    avoidance: float  # centre
    anxiety: float
    half_major: float
    half_minor: float
    angle: float  # degrees, counter-clockwise from the avoidance axis


@dataclass(frozen=True)
class Trajectory:
    key: str  # for tests and CSS ("a-ecr-r", "mother")
    label: str  # the table's first column ("Marleen: ECR-R")
    short: str  # the label beside the latest point ("Marleen")
    points: Sequence[ScorePoint]
    filled: bool = True  # ECR-R filled, ECR-RS about the partner hollow
    ellipse: PlaneEllipse | None = None
    verdict: str = ""  # the change on the plane, in words, with D²
    per_dimension: tuple[str, str] = ("", "")  # anxiety, avoidance: change with the per-dimension words
    # Colour and marker by person, dash by questionnaire (the couple plane); default: by position.
    person: int | None = None
    style: int | None = None


def _ellipse_shape(e: PlaneEllipse, x, y, colour: str, dash: str, key: str) -> Shape:
    px_per_point = abs(x(1) - x(0))
    cx, cy = x(e.avoidance), y(e.anxiety)
    # SVG's y grows downward, so an angle counter-clockwise on the plane is clockwise on screen.
    return Shape(
        "ellipse",
        {
            "cx": cx, "cy": cy, "rx": e.half_major * px_per_point, "ry": e.half_minor * px_per_point,
            "transform": f"rotate({_num(-e.angle)} {_num(cx)} {_num(cy)})",
            "fill": colour, "fill_opacity": 0.08, "stroke": colour, "stroke_width": 1.2,
            "stroke_dasharray": dash or "4 3",
        },
        key=f"ellipse-{key}",
    )  # fmt: skip


def _point_title(t: Trajectory, p: ScorePoint) -> str:
    return _("%(who)s, %(date)s: anxiety %(anx)s, avoidance %(avo)s") % {
        "who": t.label, "date": _day(p.day), "anx": _fmt(p.anxiety), "avo": _fmt(p.avoidance),
    }  # fmt: skip


def _margins(x, y, size: float) -> list[Shape]:
    """White over everything outside the plot area: an ellipse near an edge is cut at the frame
    instead of running over the axis numbers (SVG clip paths need ids the Shape list has none of)."""
    left, right, top, bottom = x(1), x(7), y(7), y(1)
    boxes = [(0, 0, left, size), (right, 0, size - right, size), (0, 0, size, top), (0, bottom, size, size - bottom)]
    return [
        Shape("rect", {"x": bx, "y": by, "width": bw, "height": bh, "fill": "#FFFFFF"}, key="margin")
        for bx, by, bw, bh in boxes
    ]


def _look(t: Trajectory, i: int) -> tuple[str, str, str]:
    """(colour, dash, marker) of the i-th trajectory."""
    person = i if t.person is None else t.person
    style = i if t.style is None else t.style
    return COLOURS[person % len(COLOURS)], DASHES[style % len(DASHES)], MARKERS[person % len(MARKERS)]


def _ellipses(trajectories: Sequence[Trajectory], x, y) -> list[Shape]:
    return [
        _ellipse_shape(t.ellipse, x, y, _look(t, i)[0], _look(t, i)[1], t.key)
        for i, t in enumerate(trajectories)
        if t.ellipse is not None
    ]


def _trajectory_shapes(t: Trajectory, i: int, x, y) -> list[Shape]:
    colour, dash, marker = _look(t, i)
    shapes: list[Shape] = []
    coords = [(x(p.avoidance), y(p.anxiety)) for p in t.points]
    if len(coords) > 1:
        attrs = {"stroke": colour, "stroke_width": 2}
        if dash:
            attrs["stroke_dasharray"] = dash
        shapes.append(_polyline(coords, key=f"path-{t.key}", **attrs))
    for n, (p, (px, py)) in enumerate(zip(t.points, coords, strict=True)):
        latest = n == len(coords) - 1
        shape = _target_shape(marker, _point_title(t, p), size=6.0 if latest else 4.0)
        shape.attrs.update(
            {"fill": colour if t.filled else "#FFFFFF", "stroke": colour, "stroke_width": 2 if latest else 1.2}
        )
        shape.key = f"point-{t.key}" + ("-latest" if latest else "")
        shapes.append(_placed(shape, px, py))
    return shapes


def _row(t: Trajectory) -> list[str]:
    first, last = t.points[0], t.points[-1]
    dates = _day(first.day) if len(t.points) == 1 else f"{_day(first.day)} – {_day(last.day)}"
    scores = "; ".join(f"{_day(p.day)}: {_fmt(p.anxiety)} / {_fmt(p.avoidance)}" for p in t.points)
    return [t.label, dates, scores, t.per_dimension[0], t.per_dimension[1], t.verdict]


def trajectories_chart(
    trajectories: Sequence[Trajectory],
    *,
    slug: str,
    title: str,
    caption: str,
    notes: Sequence[str] = (),
    split: float = 4.0,
    labels: dict[str, str] | None = None,
) -> Chart:
    """The plane with each trajectory drawn, its latest point labelled, and a table of the
    dated scores and the change judged per dimension and on the plane."""
    drawn = [t for t in trajectories if t.points]
    frame, x, y, size = _plane_frame(split, (1, 7), {**corner_labels(), **(labels or {})})
    # quadrants, then the ellipses cut at the frame, then axes and corner names, then the paths
    quadrants = [s for s in frame if s.key.startswith("quadrant-")]
    shapes = quadrants + _ellipses(drawn, x, y) + _margins(x, y, size) + [s for s in frame if s not in quadrants]
    for i, t in enumerate(drawn):
        shapes += _trajectory_shapes(t, i, x, y)
    anchors = [
        (x(t.points[-1].avoidance), y(t.points[-1].anxiety), 7.0, [t.short, str(i + 1)]) for i, t in enumerate(drawn)
    ]
    placed, fallback = _point_labels(shapes, (1, 7), x, y, anchors, list(range(len(drawn))), "trajectory-label")
    all_notes = list(notes)
    if fallback:
        all_notes.append(
            _("Numbered points: %(legend)s.") % {"legend": "; ".join(f"{i + 1}: {drawn[i].short}" for i in fallback)}
        )
    desc = (
        "; ".join(f"{t.label}: {t.verdict}" if t.verdict else t.label for t in drawn)
        if drawn
        else _("No scored administrations yet.")
    )
    return Chart(
        slug=slug,
        font_size=PLANE_FONT,
        title=title,
        desc=desc,
        width=size,
        height=size,
        shapes=shapes + placed,
        table=Table(
            caption=caption,
            columns=[
                _("Who"),
                _("Dates"),
                _("Scores (date: anxiety / avoidance)"),
                _("Anxiety"),
                _("Avoidance"),
                _("On the plane"),
            ],
            rows=[_row(t) for t in drawn],
            nowrap=(1,),
            wide=True,
        ),  # fmt: skip
        notes=all_notes,
        empty=not drawn,
    )
