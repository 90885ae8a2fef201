"""The attachment plane: avoidance on x, anxiety on y, the secure corner bottom left (both low).

One drawing function, `plane_chart`, draws both planes the pages show: a client's ECR-R scores
over time (joined in time order, the latest point filled) and the latest score in each ECR-RS
relationship (one marker shape per relationship, not joined). The two differ only in their
marks and words (`PlaneMark`, `PlaneWords`), which `attachment_plane_chart` and
`relationship_plane_chart` prepare.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from assessments import change

from . import plane_labels
from .layout import PLANE_FONT, PLANE_SIZE
from .scores import ScorePoint
from .svg import Chart, LinearScale, Shape, Table, _day, _fmt, _line, _marker, _num, _polyline, _rect_between, _text

CORNERS = change.CORNERS
# One size for every word on the planes, legible on a phone as well (layout.PLANE_FONT).
CORNER_FONT = POINT_FONT = PLANE_FONT
FILLS = {"secure": "#E3F2E8", "anxious": "#FCEBDD", "avoidant": "#E1EEF8", "fearful": "#F1E4EE"}
TARGET_MARKERS = ("circle", "square", "diamond", "triangle")


def corner_labels() -> dict[str, str]:
    return {
        "secure": _("Secure"),
        "anxious": _("Anxious / preoccupied"),
        "avoidant": _("Avoidant / dismissing"),
        "fearful": _("Fearful / disorganised"),
    }


def corner_of(anxiety: float, avoidance: float, split: float = 4.0) -> str:
    """The corner by the instrument's rule (assessments): a score at the split counts as high."""
    return change.corner(anxiety, avoidance, split)


@dataclass(frozen=True)
class PlaneMark:
    """One point on the plane: where, how it is drawn, its hover text, its label and table row."""

    anxiety: float
    avoidance: float
    shape: Shape  # drawn at (0, 0); placed by `_placed`
    radius: float
    texts: list[str]  # its label, then the shorter fallback when that does not fit
    row: list[str]


@dataclass
class PlaneWords:
    slug: str
    title: str
    desc: str
    caption: str
    columns: list[str]
    nowrap: tuple[int, ...]
    notes: list[str]
    fallback_note: str  # added when some point shows its fallback text
    joined: bool = False  # a path through the marks in their order (one client over time)
    label_order: list[int] = field(default_factory=list)  # which marks get a label, most important first


# --- the frame: quadrants, split lines, axes, corner names -----------------------------------------


def _corner_names(labels: dict[str, str], left: float, right: float, top: float, bottom: float, sx: float):
    """Each corner's name inside its own quadrant, wrapped onto a second line when it is too wide
    (long Dutch names are), so that no name runs over the split line into its neighbour."""
    shapes = []
    for corner, (edge_x, anchor, width) in {
        "secure": (left + 6, "start", sx - left),
        "anxious": (left + 6, "start", sx - left),
        "avoidant": (right - 6, "end", right - sx),
        "fearful": (right - 6, "end", right - sx),
    }.items():
        lines = plane_labels.wrap(labels[corner], width - 14, CORNER_FONT, bold=True)
        line_h = round(CORNER_FONT * 1.25)
        first = top + 16 if corner in ("anxious", "fearful") else bottom - 8 - line_h * (len(lines) - 1)
        for i, line in enumerate(lines):
            shapes.append(
                _text(edge_x, first + line_h * i, line, key=f"corner-{corner}", font_weight="bold",
                      text_anchor=anchor, font_size=CORNER_FONT)
            )  # fmt: skip
    return shapes


def _axes(x: LinearScale, y: LinearScale, scale, size: float, split: float) -> list[Shape]:
    left, right, top, bottom = x(scale[0]), x(scale[1]), y(scale[1]), y(scale[0])
    sx, sy = x(split), y(split)
    shapes = []
    for tick in range(int(scale[0]), int(scale[1]) + 1):
        shapes.append(_text(x(tick), bottom + 16, str(tick), text_anchor="middle", font_size=PLANE_FONT))
        shapes.append(_text(left - 8, y(tick) + 4, str(tick), text_anchor="end", font_size=PLANE_FONT))
    middle = (top + bottom) / 2
    return shapes + [
        Shape(
            "rect",
            {"x": left, "y": top, "width": right - left, "height": bottom - top, "fill": "none", "stroke": "#888888"},
        ),
        _line(sx, top, sx, bottom, key="split-x", stroke="#666666", stroke_dasharray="5 4"),
        _line(left, sy, right, sy, key="split-y", stroke="#666666", stroke_dasharray="5 4"),
        _text((left + right) / 2, size - 12, _("Avoidance") + " →", key="axis-x", text_anchor="middle",
              font_size=PLANE_FONT),
        _text(14, middle, _("Anxiety") + " →", key="axis-y", text_anchor="middle", font_size=PLANE_FONT,
              transform=f"rotate(-90 14 {_num(middle)})"),
    ]  # fmt: skip


def _plane_frame(split: float, scale: tuple[float, float], labels: dict[str, str]):
    """The plane's quadrants, split lines, corner names and axes: (shapes, x, y, size)."""
    size, margin = PLANE_SIZE, 52
    x = LinearScale(scale, (margin, size - margin / 2))
    y = LinearScale(scale, (size - margin, margin / 2))
    left, right, top, bottom = x(scale[0]), x(scale[1]), y(scale[1]), y(scale[0])
    sx, sy = x(split), y(split)
    shapes: list[Shape] = [
        _rect_between(left, sx, sy, bottom, key="quadrant-secure", fill=FILLS["secure"]),
        _rect_between(left, sx, top, sy, key="quadrant-anxious", fill=FILLS["anxious"]),
        _rect_between(sx, right, sy, bottom, key="quadrant-avoidant", fill=FILLS["avoidant"]),
        _rect_between(sx, right, top, sy, key="quadrant-fearful", fill=FILLS["fearful"]),
    ]
    shapes += _axes(x, y, scale, size, split)
    shapes += _corner_names(labels, left, right, top, bottom, sx)
    return shapes, x, y, size


# --- labels beside the points ------------------------------------------------------------------------


def _label_space(shapes: list[Shape], left: float, right: float, top: float, bottom: float):
    """(boxes already taken by the corner names, the plot area labels must stay inside)."""
    taken = [
        plane_labels.text_box(
            float(s.attrs["x"]), float(s.attrs["y"]), s.text, CORNER_FONT, str(s.attrs["text_anchor"]), bold=True
        )
        for s in shapes
        if s.key.startswith("corner-")
    ]
    return taken, plane_labels.Box(left + 2, top + 2, right - 2, bottom - 2)


def _point_labels(shapes, scale, x, y, anchors, order: list[int], key: str) -> tuple[list[Shape], list[int]]:
    """Labels for the points in `order` (most important first), each clear of the corner names,
    every point and the labels placed before it. anchors: (x, y, radius, [text, fallback text]).
    Returns the label shapes and which points got their fallback text."""
    taken, bounds = _label_space(shapes, x(scale[0]), x(scale[1]), y(scale[1]), y(scale[0]))
    taken += [plane_labels.marker_box(px, py, r) for px, py, r, _texts in anchors]
    out, fallback = [], []
    for i in order:
        px, py, radius, texts = anchors[i]
        placed = plane_labels.place(px, py, radius, texts, size=POINT_FONT, taken=taken, bounds=bounds)
        if placed:
            out.append(_text(placed.x, placed.y, placed.text, key=key, font_size=POINT_FONT, text_anchor=placed.anchor))
            if placed.text != texts[0]:
                fallback.append(i)
    return out, fallback


def _placed(shape: Shape, px: float, py: float) -> Shape:
    """The mark's shape (drawn around 0, 0) moved onto its point."""
    attrs = dict(shape.attrs)
    for name, offset in (("cx", px), ("x", px), ("cy", py), ("y", py)):
        if name in attrs:
            attrs[name] = attrs[name] + offset
    if "points" in attrs:  # polygons carry their corners as offsets
        pairs = (pair.split(",") for pair in str(attrs["points"]).split(" "))
        attrs["points"] = " ".join(f"{_num(px + float(a))},{_num(py + float(b))}" for a, b in pairs)
    return Shape(shape.tag, attrs, key=shape.key, text=shape.text, title=shape.title)


# --- the one plane chart ----------------------------------------------------------------------------


def plane_chart(
    marks: Sequence[PlaneMark],
    words: PlaneWords,
    *,
    split: float = 4.0,
    scale: tuple[float, float] = (1, 7),
    labels: dict[str, str] | None = None,
) -> Chart:
    """The plane with `marks` on it (in their order), each labelled where its words fit."""
    shapes, x, y, size = _plane_frame(split, scale, {**corner_labels(), **(labels or {})})
    coords = [(x(m.avoidance), y(m.anxiety)) for m in marks]
    if words.joined and len(coords) > 1:
        shapes.append(_polyline(coords, key="path", stroke="#333333", stroke_width=1.5, stroke_opacity=0.7))
    shapes += [_placed(m.shape, px, py) for m, (px, py) in zip(marks, coords, strict=True)]
    anchors = [(px, py, m.radius, m.texts) for m, (px, py) in zip(marks, coords, strict=True)]
    key = "point-label" if words.joined else "target-label"
    placed, fallback = _point_labels(shapes, scale, x, y, anchors, words.label_order, key)
    notes = list(words.notes)
    if fallback and words.fallback_note:
        notes.append(words.fallback_note % {"legend": "; ".join(f"{i + 1}: {marks[i].texts[0]}" for i in fallback)})
    return Chart(
        slug=words.slug,
        font_size=PLANE_FONT,
        title=words.title,
        desc=words.desc,
        width=size,
        height=size,
        shapes=shapes + placed,
        table=Table(caption=words.caption, columns=words.columns, rows=[m.row for m in marks], nowrap=words.nowrap),
        notes=notes,
        empty=not marks,
    )


# --- one client over time (ECR-R) ------------------------------------------------------------------


def _time_marks(points: Sequence[ScorePoint], split: float, labels: dict[str, str]) -> list[PlaneMark]:
    marks = []
    point_title = _("%(date)s: anxiety %(anx)s, avoidance %(avo)s (%(corner)s)")
    for n, p in enumerate(points, start=1):
        corner = p.corner or labels[corner_of(p.anxiety, p.avoidance, split)]
        last = n == len(points)
        radius = 7 if last else 4.5
        title = point_title % {
            "date": _day(p.day), "anx": _fmt(p.anxiety), "avo": _fmt(p.avoidance), "corner": corner,
        }  # fmt: skip
        shape = Shape(
            "circle",
            {"cx": 0, "cy": 0, "r": radius, "fill": "#333333" if last else "#FFFFFF", "stroke": "#333333",
             "stroke_width": 1.5},
            key="point",
            title=title,
        )  # fmt: skip
        row = [str(n), _day(p.day), _fmt(p.avoidance), _fmt(p.anxiety), corner]
        marks.append(PlaneMark(p.anxiety, p.avoidance, shape, radius, [_day(p.day), str(n)], row))
    return marks


def _time_desc(points: Sequence[ScorePoint], marks: list[PlaneMark]) -> str:
    if not points:
        return _("No scored administrations yet.")
    first, last = points[0], points[-1]
    return _(
        "%(n)s administrations. First %(first)s: anxiety %(a1)s, avoidance %(v1)s. "
        "Latest %(last)s: anxiety %(a2)s, avoidance %(v2)s (%(corner)s)."
    ) % {
        "n": len(points),
        "first": _day(first.day),
        "a1": _fmt(first.anxiety),
        "v1": _fmt(first.avoidance),
        "last": _day(last.day),
        "a2": _fmt(last.anxiety),
        "v2": _fmt(last.avoidance),
        "corner": marks[-1].row[4],
    }


def attachment_plane_chart(
    points: Sequence[ScorePoint],
    *,
    split: float = 4.0,
    scale: tuple[float, float] = (1, 7),
    slug: str = "plane",
    label_each_point: int = 12,
    labels: dict[str, str] | None = None,
) -> Chart:
    """One client's scores joined in time order. `labels` are the corner names (the
    instrument's own, translated); defaults to ours."""
    points = sorted(points, key=lambda p: p.day)
    marks = _time_marks(points, split, {**corner_labels(), **(labels or {})})
    # Dates on the latest and the first point, then on the others while there are few enough.
    order = [len(points) - 1, 0] + (list(range(1, len(points) - 1)) if len(points) <= label_each_point else [])
    words = PlaneWords(
        slug=slug,
        title=_("Attachment plane"),
        desc=_time_desc(points, marks),
        caption=_("Position on the attachment plane"),
        columns=["#", _("Date"), _("Avoidance"), _("Anxiety"), _("Corner")],
        nowrap=(0, 1),
        notes=[
            _(
                "Split lines at %(split)s on both dimensions. People differ by degree, not by type: "
                "read the corner together with both scores."
            )
            % {"split": _fmt(split, 1)}
        ],
        fallback_note=_("Where dates would overlap, a point shows its row number (#) in the table."),
        joined=True,
        label_order=[i for i in dict.fromkeys(order) if 0 <= i < len(points)],
    )
    return plane_chart(marks, words, split=split, scale=scale, labels=labels)


# --- one point per relationship (ECR-RS) -----------------------------------------------------------


@dataclass(frozen=True)
class TargetPoint:
    """The latest score in one relationship (ECR-RS target), with its display name."""

    target: str  # slug, for tests and CSS
    label: str  # translated relationship name
    point: ScorePoint


def _target_shape(shape: str, title: str, size: float = 6.0) -> Shape:
    """Each relationship gets its own marker shape as well as its name, so colour is never needed."""
    if shape in ("circle", "square"):
        marker = _marker(0, 0, shape, "#333333", key="target-point", title=title, size=size)
    else:
        s = size + 1
        corners = [(0, -s), (s, 0), (0, s), (-s, 0)] if shape == "diamond" else [(0, -s), (s, size), (-s, size)]
        points = " ".join(f"{_num(float(a))},{_num(float(b))}" for a, b in corners)
        marker = Shape("polygon", {"points": points}, key="target-point", title=title)
    marker.attrs.update({"fill": "#333333", "stroke": "#FFFFFF", "stroke_width": 1})
    return marker


def _target_marks(targets: Sequence[TargetPoint], split: float, labels: dict[str, str]) -> list[PlaneMark]:
    marks = []
    for i, t in enumerate(targets):
        p = t.point
        corner = p.corner or labels[corner_of(p.anxiety, p.avoidance, split)]
        title = _("%(target)s, %(date)s: anxiety %(anx)s, avoidance %(avo)s (%(corner)s)") % {
            "target": t.label, "date": _day(p.day), "anx": _fmt(p.anxiety), "avo": _fmt(p.avoidance),
            "corner": corner,
        }  # fmt: skip
        shape = _target_shape(TARGET_MARKERS[i % len(TARGET_MARKERS)], title)
        row = [t.label, _day(p.day), _fmt(p.avoidance), _fmt(p.anxiety), corner]
        marks.append(PlaneMark(p.anxiety, p.avoidance, shape, 7.0, [t.label, str(i + 1)], row))
    return marks


def relationship_plane_chart(
    targets: Sequence[TargetPoint],
    *,
    split: float = 4.0,
    scale: tuple[float, float] = (1, 7),
    slug: str = "rs-plane",
    labels: dict[str, str] | None = None,
) -> Chart:
    """One point per relationship: each target's latest score, labelled with the relationship's
    name (not joined: they are different relationships)."""
    marks = _target_marks(targets, split, {**corner_labels(), **(labels or {})})
    words = PlaneWords(
        slug=slug,
        title=_("Relationships on the attachment plane"),
        desc=(
            _("Latest scores in %(n)s relationships: %(list)s.")
            % {"n": len(targets), "list": "; ".join(f"{m.row[0]} ({m.row[4]})" for m in marks)}
            if targets
            else _("No scored administrations yet.")
        ),
        caption=_("Latest position per relationship"),
        columns=[_("Relationship"), _("Date"), _("Avoidance"), _("Anxiety"), _("Corner")],
        nowrap=(1,),
        notes=[
            _(
                "One point per relationship: its latest scores. Split lines at %(split)s on both dimensions; "
                "read the corner together with both scores."
            )
            % {"split": _fmt(split, 1)}
        ],
        fallback_note=_("Numbered points: %(legend)s."),
        label_order=list(range(len(targets))),
    )
    return plane_chart(marks, words, split=split, scale=scale, labels=labels)
