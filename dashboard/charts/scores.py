"""Server-rendered SVG charts, as pure functions from plain data to geometry.

Why SVG built here and not a JS chart library: the CSP forbids inline scripts and style
attributes, pages must print, and a therapist should get the chart with the first byte. Every
builder returns a `Chart`: its shapes (with the coordinates the tests check), an accessible
title/description and the same figures as a table to show beside it. Only SVG presentation
attributes are used (fill, stroke, opacity, …), never `style=""`.

Nothing here touches the database or the request: the dashboard's selectors gather the data,
these functions only draw it. Strings are translated at call time (gettext), so a chart comes
out in the language active for the request.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from accounts.localtime import week_start
from assessments import change
from assessments.display import format_score

from . import plane_labels
from .layout import PHONE, PLANE_FONT, PLANE_SIZE, WIDE, Layout, spaced

# Colours chosen to stay apart for the common colour-vision deficiencies (Okabe & Ito palette);
# every series also differs by marker shape or dash so colour is never the only cue.
ANXIETY_COLOUR = "#D55E00"
AVOIDANCE_COLOUR = "#0072B2"
SAFETY_COLOUR = "#009E73"
TARGET_COLOUR = "#444444"
GOAL_COLOURS = ("#0072B2", "#E69F00", "#CC79A7", "#009E73", "#56B4E9", "#D55E00")
GRID_COLOUR = "#DDDDDD"
TEXT_COLOUR = "#212529"

# Jacobson & Truax (1991): a change is reliable when |x2 − x1| / S_diff ≥ 1.96.
RELIABLE_Z = 1.96


# --- geometry -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinearScale:
    """Maps a data interval onto a pixel interval (reversed ranges give upward y axes)."""

    domain: tuple[float, float]
    range: tuple[float, float]

    def __call__(self, value: float) -> float:
        d0, d1 = self.domain
        r0, r1 = self.range
        if d1 == d0:
            return (r0 + r1) / 2
        return r0 + (value - d0) * (r1 - r0) / (d1 - d0)


def date_scale(dates: Sequence[date], pixels: tuple[float, float]) -> LinearScale:
    """A scale over day numbers; a single date sits in the middle."""
    ordinals = [d.toordinal() for d in dates] or [date.today().toordinal()]
    return LinearScale((min(ordinals), max(ordinals)), pixels)


def week_range(first: date, last: date) -> list[date]:
    """Every Monday from the week of `first` to the week of `last`, inclusive."""
    start, end = week_start(first), week_start(last)
    weeks = []
    while start <= end:
        weeks.append(start)
        start += timedelta(days=7)
    return weeks


def s_diff(sd: float, reliability: float) -> float:
    """Standard error of the difference, Jacobson & Truax (1991): √2 · SD · √(1 − r)."""
    return math.sqrt(2) * sd * math.sqrt(max(0.0, 1 - reliability))


@dataclass(frozen=True)
class Band:
    low: float
    high: float

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high


def reliable_change_band(baseline: float, sd: float, reliability: float, z: float = RELIABLE_Z) -> Band:
    """Scores inside this band differ from the baseline by less than measurement error."""
    half = z * s_diff(sd, reliability)
    return Band(baseline - half, baseline + half)


# --- drawing primitives -----------------------------------------------------------------------


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


@dataclass
class Shape:
    """One SVG element. `key` names its role (e.g. "rc-band-anxiety") for tests and CSS classes."""

    tag: str
    attrs: dict[str, float | str]
    key: str = ""
    text: str = ""
    title: str = ""

    def render(self) -> str:
        """The element as escaped markup (plain str; Chart.svg marks the whole as safe).

        Built with html.escape rather than format_html: a progress page draws about a
        thousand shapes and format_html's per-argument machinery dominated its time.
        """
        attrs = [f'{name.replace("_", "-")}="{escape(_num(value))}"' for name, value in self.attrs.items()]
        if self.key:
            attrs.append(f'class="sb-{escape(self.key)}"')
        inner = f"<title>{escape(self.title)}</title>" if self.title else ""
        if self.text:
            inner += escape(self.text)
        if inner:
            return f"<{self.tag} {' '.join(attrs)}>{inner}</{self.tag}>"
        return f"<{self.tag} {' '.join(attrs)}/>"


# A table longer than this scrolls inside its own box beside the chart; a shorter one is shown whole.
SCROLL_ROWS = 12


@dataclass
class Table:
    caption: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    # On a phone each row becomes a card, each cell after its column's name: five columns, or a
    # week's emotions, do not fit 390 px side by side.
    stack: bool = True
    # Columns holding a date, never broken at its hyphens or slashes (Dutch dates read 21-10-2026).
    nowrap: tuple[int, ...] = (0,)
    # Beside its chart on a wide screen only (from 1200 px), each taking half: the scores tables'
    # change column needs the room.
    wide: bool = False

    @property
    def scrolls(self) -> bool:
        return len(self.rows) > SCROLL_ROWS

    @property
    def labelled_rows(self) -> list[list[tuple[str, str, bool]]]:
        """Each row's cells with their column's name (for the phone's cards) and whether it may break."""
        return [
            [(col, cell, i in self.nowrap) for i, (col, cell) in enumerate(zip(self.columns, row, strict=False))]
            for row in self.rows
        ]


@dataclass
class Chart:
    slug: str
    title: str
    desc: str
    width: int
    height: int
    shapes: list[Shape]
    table: Table
    notes: list[str] = field(default_factory=list)
    empty: bool = False
    font_size: float = 11
    layout: str = "wide"  # chart_layout.Layout.name
    phone: Chart | None = None  # the same chart drawn for a phone (see chart_layout), when there is one

    def find(self, key: str) -> list[Shape]:
        return [shape for shape in self.shapes if shape.key == key]

    def svg(self) -> SafeString:
        body = mark_safe("".join(shape.render() for shape in self.shapes))  # noqa: S308 - every value is escaped
        variant = " sb-chart-wide" if self.phone else " sb-chart-phone" if self.layout == PHONE.name else ""
        return format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
            'class="sb-chart{variant}" role="img" aria-labelledby="{s}-title {s}-desc" '
            'font-family="system-ui, sans-serif" font-size="{font}">'
            '<title id="{s}-title">{title}</title><desc id="{s}-desc">{desc}</desc>{body}</svg>',
            w=self.width,
            h=self.height,
            s=self.slug,
            variant=variant,
            font=_num(float(self.font_size)),
            title=self.title,
            desc=self.desc,
            body=body,
        )


def with_phone(build, *args, **kwargs) -> Chart:
    """The chart as `build` draws it for a desktop, carrying its phone drawing in `.phone`."""
    chart = build(*args, **kwargs)
    chart.phone = build(*args, layout=PHONE, **kwargs)
    return chart


def _week_labels(weeks: Sequence[date], xs: Sequence[float], y: float, layout: Layout) -> list[Shape]:
    """Dates under a per-week chart: at most layout.week_ticks, never touching each other."""
    candidates = _week_tick_indices(len(weeks), most=layout.week_ticks)
    ticks = []
    for n, i in enumerate(candidates):
        anchor = _anchor(n, len(candidates)) if layout.edge_anchors else "middle"
        ticks.append((xs[i], _day(weeks[i]), anchor))
    return [
        _text(x, y, text, key="x-tick", text_anchor=anchor, font_size=layout.tick_font)
        for x, text, anchor in (ticks[k] for k in spaced(ticks, layout.tick_font))
    ]


def _date_labels(ticks: Sequence[date], x, y: float, layout: Layout) -> list[Shape]:
    """Dates under a chart drawn against time, the first and last growing inward, never touching."""
    placed = [(x(d.toordinal()), _day(d), _anchor(i, len(ticks))) for i, d in enumerate(ticks)]
    size = layout.font if layout is WIDE else layout.tick_font
    return [
        _text(px, y, text, key="x-tick", text_anchor=anchor, **({} if layout is WIDE else {"font_size": size}))
        for px, text, anchor in (placed[k] for k in spaced(placed, size))
    ]


def _line(x1: float, y1: float, x2: float, y2: float, key: str = "", **attrs) -> Shape:
    return Shape("line", {"x1": x1, "y1": y1, "x2": x2, "y2": y2, **attrs}, key=key)


def _text(x: float, y: float, text: str, key: str = "", **attrs) -> Shape:
    attrs.setdefault("fill", TEXT_COLOUR)
    return Shape("text", {"x": x, "y": y, **attrs}, key=key, text=text)


def _rect_between(x0: float, x1: float, y_a: float, y_b: float, key: str, **attrs) -> Shape:
    top, bottom = min(y_a, y_b), max(y_a, y_b)
    return Shape("rect", {"x": x0, "y": top, "width": x1 - x0, "height": bottom - top, **attrs}, key=key)


def _polyline(points: Iterable[tuple[float, float]], key: str, **attrs) -> Shape:
    return Shape(
        "polyline",
        {"points": " ".join(f"{_num(float(x))},{_num(float(y))}" for x, y in points), "fill": "none", **attrs},
        key=key,
    )


def _marker(x: float, y: float, shape: str, colour: str, key: str, title: str, size: float = 4.0) -> Shape:
    if shape == "square":
        return Shape(
            "rect",
            {"x": x - size, "y": y - size, "width": 2 * size, "height": 2 * size, "fill": colour},
            key=key,
            title=title,
        )
    return Shape("circle", {"cx": x, "cy": y, "r": size, "fill": colour}, key=key, title=title)


def _fmt(value: float | None, digits: int = 2) -> str:
    return format_score(value, digits)  # the one formatter, so a chart reads as the page does


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _date_ticks(dates: Sequence[date], most: int = 6) -> list[date]:
    if not dates:
        return []
    first, last = min(dates), max(dates)
    if first == last:
        return [first]
    span = (last - first).days
    count = min(most, len(set(dates)))
    return sorted({first + timedelta(days=round(span * i / (count - 1))) for i in range(count)})


def _week_tick_indices(count: int, most: int = 8) -> list[int]:
    """Which week columns get a date label: every step-th, and the last unless it would collide."""
    step = max(1, math.ceil(count / most))
    ticks = list(range(0, count, step))
    if count and ticks[-1] != count - 1:
        if count - 1 - ticks[-1] < max(2, step / 2 + 1):
            ticks[-1] = count - 1
        else:
            ticks.append(count - 1)
    return ticks


def _anchor(i: int, count: int) -> str:
    """Edge labels grow inward so they are not cut off at the chart's border."""
    if count > 1 and i == 0:
        return "start"
    if count > 1 and i == count - 1:
        return "end"
    return "middle"


# --- (a) anxiety and avoidance over time --------------------------------------------------------


@dataclass(frozen=True)
class ScorePoint:
    """One scored administration: the date it was completed and both dimension scores."""

    day: date
    anxiety: float
    avoidance: float
    corner: str = ""


@dataclass(frozen=True)
class DimensionReference:
    """What a dimension's score is judged against: measurement error and a population norm.

    sd/reliability feed S_diff; norm_mean/norm_sd draw the norm band (mean ± 1 SD) when known.
    `source` and `norm_source` are short citations (or the practice's own note) shown to the
    therapist under the chart; `provisional` says SD and r are not yet from a confirmed sample.
    """

    sd: float
    reliability: float
    norm_mean: float | None = None
    norm_sd: float | None = None
    source: str = ""
    norm_source: str = ""
    norm_provisional: bool = True
    provisional: bool = False


def change_words() -> dict[str, str]:
    """Reliable-change labels (assessments.scoring.Change.label) in words (assessments.change's)."""
    return {category: change.words(category) for category in change.CATEGORIES}


def dimension_labels() -> dict[str, str]:
    return {"anxiety": _("Anxiety"), "avoidance": _("Avoidance")}


def lay_change_words() -> dict[str, str]:
    """The same judgement for a client's own pages, without the statistics' words."""
    return {category: change.lay_words(category) for category in change.CATEGORIES}


def lay_dimension_labels() -> dict[str, str]:
    return {"anxiety": _("Worry about closeness"), "avoidance": _("Discomfort with closeness")}


def _reference_notes(refs: Sequence[DimensionReference]) -> list[str]:
    """What the bands mean, and in one sentence which figures are provisional and whose they are."""
    if not refs:
        return []
    has_norms = any(ref.norm_mean is not None and ref.norm_sd is not None for ref in refs)
    notes = [
        _("Coloured band: no reliable change from the baseline (Jacobson & Truax, 1991); grey band: typical range.")
        if has_norms
        else _("Coloured band: no reliable change from the baseline (Jacobson & Truax, 1991). No population norm band.")
    ]
    norms_provisional = has_norms and any(ref.norm_provisional for ref in refs)
    figures_provisional = any(ref.provisional for ref in refs)
    citations = []
    for ref in refs:
        for text, used in ((ref.source, figures_provisional), (ref.norm_source, norms_provisional)):
            for part in text.split("; ") if used and text else ():
                if part not in citations:
                    citations.append(part)
    cited = {"citation": "; ".join(citations)}
    if norms_provisional and figures_provisional:
        notes.append(_("Both bands use provisional round figures from published samples (%(citation)s).") % cited)
    elif norms_provisional:
        notes.append(_("The grey band uses provisional round figures from published samples (%(citation)s).") % cited)
    elif figures_provisional:
        notes.append(
            _("The coloured band uses provisional round figures from published samples (%(citation)s).") % cited
        )
    source = next((ref.source for ref in refs if ref.source and not ref.provisional), "")
    if source:
        notes.append(_("Reliability figures set by your practice: %(source)s") % {"source": source})
    norm_source = next((ref.norm_source for ref in refs if ref.norm_source and not norms_provisional), "")
    if has_norms and norm_source:
        notes.append(_("Norm band: %(source)s") % {"source": norm_source})
    return notes


def score_timeline_chart(
    points: Sequence[ScorePoint],
    references: dict[str, DimensionReference],
    *,
    scale: tuple[float, float] = (1, 7),
    slug: str = "scores",
    title: str | None = None,
    change_labels: Sequence[str] | None = None,
    plain: bool = False,
    layout: Layout = WIDE,
) -> Chart:
    """Two stacked panels (anxiety above avoidance) sharing the time axis.

    Each panel shows the population norm band, the baseline's reliable-change band
    (baseline ± 1.96·S_diff) and the scores joined in time order. The first point is the
    baseline. `change_labels`, one text per point in the given order (already sorted by
    day), fill the table's last column with the reliable change against the baseline; `plain`
    names that column and the baseline in a client's words instead of a therapist's.
    """
    if change_labels is not None:
        ordered = sorted(zip(points, change_labels, strict=True), key=lambda pc: pc[0].day)
        points, change_labels = [p for p, _c in ordered], [c for _p, c in ordered]
    points = sorted(points, key=lambda p: p.day)
    width, left, right = layout.width, layout.left, 16 if layout is WIDE else 10
    panel_h, top, gap, bottom = 130, 24, 34, 34
    height = top + 2 * panel_h + gap + bottom
    x = date_scale([p.day for p in points], (left, width - right))
    labels = dimension_labels()
    colours = {"anxiety": ANXIETY_COLOUR, "avoidance": AVOIDANCE_COLOUR}
    markers = {"anxiety": "circle", "avoidance": "square"}
    shapes: list[Shape] = []
    notes: list[str] = []
    for index, dim in enumerate(("anxiety", "avoidance")):
        y0 = top + index * (panel_h + gap)
        y = LinearScale(scale, (y0 + panel_h, y0))
        shapes.append(_text(left, y0 - 8, labels[dim], key=f"panel-label-{dim}", font_weight="bold"))
        for tick in range(int(scale[0]), int(scale[1]) + 1):
            shapes.append(_line(left, y(tick), width - right, y(tick), stroke=GRID_COLOUR, stroke_width=1))
            shapes.append(_text(left - 6, y(tick) + 4, str(tick), text_anchor="end"))
        ref = references.get(dim)
        if ref and ref.norm_mean is not None and ref.norm_sd is not None:
            band = Band(max(scale[0], ref.norm_mean - ref.norm_sd), min(scale[1], ref.norm_mean + ref.norm_sd))
            shape = _rect_between(
                left, width - right, y(band.low), y(band.high), key=f"norm-band-{dim}", fill="#999999", opacity=0.18
            )
            shape.title = _("Population norm %(dim)s: %(low)s–%(high)s") % {
                "dim": labels[dim].lower(),
                "low": _fmt(band.low),
                "high": _fmt(band.high),
            }
            shapes.append(shape)
        if points and ref:
            baseline = getattr(points[0], dim)
            band = reliable_change_band(baseline, ref.sd, ref.reliability)
            clipped = Band(max(scale[0], band.low), min(scale[1], band.high))
            shape = _rect_between(
                left,
                width - right,
                y(clipped.low),
                y(clipped.high),
                key=f"rc-band-{dim}",
                fill=colours[dim],
                opacity=0.15,
            )
            rc_title = (
                _("About the same as the first time: %(low)s–%(high)s")
                if plain
                else _("No reliable change from baseline: %(low)s–%(high)s")
            )
            shape.title = rc_title % {
                "low": _fmt(band.low),
                "high": _fmt(band.high),
            }
            shapes.append(shape)
            shapes.append(
                _line(
                    left,
                    y(baseline),
                    width - right,
                    y(baseline),
                    key=f"baseline-{dim}",
                    stroke=colours[dim],
                    stroke_dasharray="4 3",
                    stroke_width=1,
                )
            )
        if points:
            coords = [(x(p.day.toordinal()), y(getattr(p, dim))) for p in points]
            shapes.append(_polyline(coords, key=f"line-{dim}", stroke=colours[dim], stroke_width=2))
            for p, (px, py) in zip(points, coords, strict=True):
                shapes.append(
                    _marker(
                        px,
                        py,
                        markers[dim],
                        colours[dim],
                        key=f"point-{dim}",
                        title=f"{_day(p.day)}: {labels[dim]} {_fmt(getattr(p, dim))}",
                    )
                )
    axis_y = top + 2 * panel_h + gap
    shapes += _date_labels(_date_ticks([p.day for p in points], most=layout.date_ticks), x, axis_y + 18, layout)
    notes += _reference_notes(list(references.values()))
    baseline_word = _("first time") if plain else _("baseline")
    rows = []
    for i, p in enumerate(points):
        rows.append(
            [
                _day(p.day),
                _fmt(p.anxiety),
                _fmt(p.avoidance),
                p.corner,
                baseline_word if i == 0 else (change_labels[i] if change_labels is not None else ""),
            ]
        )
    if points:
        desc = _("%(n)s administrations from %(first)s to %(last)s. Latest: anxiety %(anx)s, avoidance %(avo)s.") % {
            "n": len(points),
            "first": _day(points[0].day),
            "last": _day(points[-1].day),
            "anx": _fmt(points[-1].anxiety),
            "avo": _fmt(points[-1].avoidance),
        }
    else:
        desc = _("No scored administrations yet.")
    return Chart(
        slug=slug + layout.suffix,
        font_size=layout.font,
        layout=layout.name,
        title=title or _("Anxiety and avoidance over time"),
        desc=desc,
        width=width,
        height=height,
        shapes=shapes,
        table=Table(
            caption=_("Scores per administration"),
            columns=[
                _("Date"),
                _("Anxiety"),
                _("Avoidance"),
                _("Corner"),
                _("Since the first time") if plain else _("Reliable change vs baseline"),
            ],
            rows=rows,
            wide=True,
        ),
        notes=notes,
        empty=not points,
    )


# --- (b) the attachment plane ---------------------------------------------------------------------

CORNERS = ("secure", "anxious", "avoidant", "fearful")


def corner_labels() -> dict[str, str]:
    return {
        "secure": _("Secure"),
        "anxious": _("Anxious / preoccupied"),
        "avoidant": _("Avoidant / dismissing"),
        "fearful": _("Fearful / disorganised"),
    }


def corner_of(anxiety: float, avoidance: float, split: float = 4.0) -> str:
    """The corner by the convention in the instrument data: a score at the split counts as high."""
    high_anx, high_avo = anxiety >= split, avoidance >= split
    if high_anx and high_avo:
        return "fearful"
    if high_anx:
        return "anxious"
    if high_avo:
        return "avoidant"
    return "secure"


# One size for every word on the planes, legible on a phone as well (chart_layout.PLANE_FONT).
CORNER_FONT = POINT_FONT = PLANE_FONT


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
        at_top = corner in ("anxious", "fearful")
        line_h = round(CORNER_FONT * 1.25)
        first = top + 16 if at_top else bottom - 8 - line_h * (len(lines) - 1)
        for i, line in enumerate(lines):
            shapes.append(
                _text(
                    edge_x,
                    first + line_h * i,
                    line,
                    key=f"corner-{corner}",
                    font_weight="bold",
                    text_anchor=anchor,
                    font_size=CORNER_FONT,
                )
            )
    return shapes


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


def _plane_frame(split: float, scale: tuple[float, float], labels: dict[str, str] | None):
    """The plane's quadrants, split lines, corner names and axes: (shapes, x, y, size)."""
    size, margin = PLANE_SIZE, 52
    x = LinearScale(scale, (margin, size - margin / 2))
    y = LinearScale(scale, (size - margin, margin / 2))
    left, right, top, bottom = x(scale[0]), x(scale[1]), y(scale[1]), y(scale[0])
    sx, sy = x(split), y(split)
    labels = {**corner_labels(), **(labels or {})}
    fills = {"secure": "#E3F2E8", "anxious": "#FCEBDD", "avoidant": "#E1EEF8", "fearful": "#F1E4EE"}
    shapes: list[Shape] = [
        _rect_between(left, sx, sy, bottom, key="quadrant-secure", fill=fills["secure"]),
        _rect_between(left, sx, top, sy, key="quadrant-anxious", fill=fills["anxious"]),
        _rect_between(sx, right, sy, bottom, key="quadrant-avoidant", fill=fills["avoidant"]),
        _rect_between(sx, right, top, sy, key="quadrant-fearful", fill=fills["fearful"]),
    ]
    for tick in range(int(scale[0]), int(scale[1]) + 1):
        shapes.append(_text(x(tick), bottom + 16, str(tick), text_anchor="middle", font_size=PLANE_FONT))
        shapes.append(_text(left - 8, y(tick) + 4, str(tick), text_anchor="end", font_size=PLANE_FONT))
    shapes += [
        Shape(
            "rect",
            {"x": left, "y": top, "width": right - left, "height": bottom - top, "fill": "none", "stroke": "#888888"},
        ),
        _line(sx, top, sx, bottom, key="split-x", stroke="#666666", stroke_dasharray="5 4"),
        _line(left, sy, right, sy, key="split-y", stroke="#666666", stroke_dasharray="5 4"),
        _text(
            (left + right) / 2,
            size - 12,
            _("Avoidance") + " →",
            key="axis-x",
            text_anchor="middle",
            font_size=PLANE_FONT,
        ),
        _text(
            14,
            (top + bottom) / 2,
            _("Anxiety") + " →",
            key="axis-y",
            text_anchor="middle",
            font_size=PLANE_FONT,
            transform=f"rotate(-90 14 {_num((top + bottom) / 2)})",
        ),
    ]
    shapes += _corner_names(labels, left, right, top, bottom, sx)
    return shapes, x, y, size


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


def attachment_plane_chart(
    points: Sequence[ScorePoint],
    *,
    split: float = 4.0,
    scale: tuple[float, float] = (1, 7),
    slug: str = "plane",
    label_each_point: int = 12,
    labels: dict[str, str] | None = None,
) -> Chart:
    """Avoidance on x, anxiety on y; the secure corner is bottom left (both low).

    `labels` are the corner names (the instrument's own, translated); defaults to ours.
    """
    points = sorted(points, key=lambda p: p.day)
    shapes, x, y, size = _plane_frame(split, scale, labels)
    labels = {**corner_labels(), **(labels or {})}
    coords = [(x(p.avoidance), y(p.anxiety)) for p in points]
    if len(coords) > 1:
        shapes.append(_polyline(coords, key="path", stroke="#333333", stroke_width=1.5, stroke_opacity=0.7))
    rows = []
    anchors = []
    for n, (p, (px, py)) in enumerate(zip(points, coords, strict=True), start=1):
        corner = p.corner or labels[corner_of(p.anxiety, p.avoidance, split)]
        last = n == len(points)
        anchors.append((px, py, 7 if last else 4.5, [_day(p.day), str(n)]))
        shapes.append(
            Shape(
                "circle",
                {
                    "cx": px,
                    "cy": py,
                    "r": 7 if last else 4.5,
                    "fill": "#333333" if last else "#FFFFFF",
                    "stroke": "#333333",
                    "stroke_width": 1.5,
                },
                key="point",
                title=_("%(date)s: anxiety %(anx)s, avoidance %(avo)s (%(corner)s)")
                % {"date": _day(p.day), "anx": _fmt(p.anxiety), "avo": _fmt(p.avoidance), "corner": corner},
            )
        )
        rows.append([str(n), _day(p.day), _fmt(p.avoidance), _fmt(p.anxiety), corner])
    # Dates on the latest and the first point, then on the others while there are few enough.
    order = [len(points) - 1, 0] + (list(range(1, len(points) - 1)) if len(points) <= label_each_point else [])
    order = [i for i in dict.fromkeys(order) if 0 <= i < len(points)]
    placed, numbered = _point_labels(shapes, scale, x, y, anchors, order, "point-label")
    shapes += placed
    if points:
        first, last = points[0], points[-1]
        desc = _(
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
            "corner": rows[-1][4],
        }
    else:
        desc = _("No scored administrations yet.")
    return Chart(
        slug=slug,
        font_size=PLANE_FONT,
        title=_("Attachment plane"),
        desc=desc,
        width=size,
        height=size,
        shapes=shapes,
        table=Table(
            caption=_("Position on the attachment plane"),
            columns=["#", _("Date"), _("Avoidance"), _("Anxiety"), _("Corner")],
            rows=rows,
            nowrap=(0, 1),
        ),
        notes=[
            _(
                "Split lines at %(split)s on both dimensions. People differ by degree, not by type: "
                "read the corner together with both scores."
            )
            % {"split": _fmt(split, 1)}
        ]
        + ([_("Where dates would overlap, a point shows its row number (#) in the table.")] if numbered else []),
        empty=not points,
    )


@dataclass(frozen=True)
class TargetPoint:
    """The latest score in one relationship (ECR-RS target), with its display name."""

    target: str  # slug, for tests and CSS
    label: str  # translated relationship name
    point: ScorePoint


TARGET_MARKERS = ("circle", "square", "diamond", "triangle")


def _target_marker(x: float, y: float, shape: str, key: str, title: str, size: float = 6.0) -> Shape:
    """Each relationship gets its own marker shape as well as its name, so colour is never needed."""
    if shape in ("circle", "square"):
        marker = _marker(x, y, shape, "#333333", key=key, title=title, size=size)
    elif shape == "diamond":
        pts = [(x, y - size - 1), (x + size + 1, y), (x, y + size + 1), (x - size - 1, y)]
        marker = Shape(
            "polygon", {"points": " ".join(f"{_num(px)},{_num(py)}" for px, py in pts)}, key=key, title=title
        )
    else:
        pts = [(x, y - size - 1), (x + size + 1, y + size), (x - size - 1, y + size)]
        marker = Shape(
            "polygon", {"points": " ".join(f"{_num(px)},{_num(py)}" for px, py in pts)}, key=key, title=title
        )
    marker.attrs.update({"fill": "#333333", "stroke": "#FFFFFF", "stroke_width": 1})
    return marker


def relationship_plane_chart(
    targets: Sequence[TargetPoint],
    *,
    split: float = 4.0,
    scale: tuple[float, float] = (1, 7),
    slug: str = "rs-plane",
    labels: dict[str, str] | None = None,
) -> Chart:
    """The attachment plane with one point per relationship: each target's latest score,
    labelled with the relationship's name (not joined: they are different relationships)."""
    shapes, x, y, size = _plane_frame(split, scale, labels)
    labels = {**corner_labels(), **(labels or {})}
    rows = []
    anchors = []
    for i, t in enumerate(targets):
        p = t.point
        px, py = x(p.avoidance), y(p.anxiety)
        corner = p.corner or labels[corner_of(p.anxiety, p.avoidance, split)]
        shapes.append(
            _target_marker(
                px,
                py,
                TARGET_MARKERS[i % len(TARGET_MARKERS)],
                key="target-point",
                title=_("%(target)s, %(date)s: anxiety %(anx)s, avoidance %(avo)s (%(corner)s)")
                % {
                    "target": t.label,
                    "date": _day(p.day),
                    "anx": _fmt(p.anxiety),
                    "avo": _fmt(p.avoidance),
                    "corner": corner,
                },
            )
        )
        anchors.append((px, py, 7.0, [t.label, str(i + 1)]))
        rows.append([t.label, _day(p.day), _fmt(p.avoidance), _fmt(p.anxiety), corner])
    placed, numbered = _point_labels(shapes, scale, x, y, anchors, list(range(len(targets))), "target-label")
    shapes += placed
    legend = "; ".join(f"{i + 1}: {targets[i].label}" for i in numbered)
    return Chart(
        slug=slug,
        font_size=PLANE_FONT,
        title=_("Relationships on the attachment plane"),
        desc=(
            _("Latest scores in %(n)s relationships: %(list)s.")
            % {"n": len(targets), "list": "; ".join(f"{r[0]} ({r[4]})" for r in rows)}
            if targets
            else _("No scored administrations yet.")
        ),
        width=size,
        height=size,
        shapes=shapes,
        table=Table(
            caption=_("Latest position per relationship"),
            columns=[_("Relationship"), _("Date"), _("Avoidance"), _("Anxiety"), _("Corner")],
            rows=rows,
            nowrap=(1,),
        ),
        notes=[
            _(
                "One point per relationship: its latest scores. Split lines at %(split)s on both dimensions; "
                "read the corner together with both scores."
            )
            % {"split": _fmt(split, 1)}
        ]
        + ([_("Numbered points: %(legend)s.") % {"legend": legend}] if legend else []),
        empty=not targets,
    )


# --- (c) diary: emotions per week and felt safety ---------------------------------------------------


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
    totals: dict[str, int] = {}
    for e in emotions:
        totals[e.emotion] = totals.get(e.emotion, 0) + e.count
    names = sorted(totals, key=lambda name: (-totals[name], name))[:max_emotions]
    cell = {(e.emotion, e.week): e for e in emotions}
    left, right, top = 110, 16, 20
    if layout is not WIDE:  # as much room for the names as the longest needs, the rest for the weeks
        longest = max((plane_labels.text_width(name, layout.font) for name in names), default=0)
        left, right = min(130, max(48, round(longest) + 12)), 10
    row_h = 22
    width = layout.width
    grid_h = row_h * max(1, len(names))
    safety_top = top + grid_h + 36
    safety_h = 90
    height = safety_top + safety_h + 34
    col_w = (width - left - right) / max(1, len(weeks))
    col_x = {w: left + col_w * (i + 0.5) for i, w in enumerate(weeks)}
    biggest = max((e.count for e in emotions if e.emotion in names), default=1)
    radius_max = max(2.0, min(col_w, row_h) / 2 - 1)
    shapes: list[Shape] = []
    for r, name in enumerate(names):
        cy = top + row_h * (r + 0.5)
        shapes.append(_text(left - 8, cy + 4, name, key="emotion-label", text_anchor="end"))
        shapes.append(_line(left, cy, width - right, cy, stroke=GRID_COLOUR, stroke_width=0.5))
        for w in weeks:
            e = cell.get((name, w))
            if not e or e.count == 0:
                continue
            # Area, not radius, proportional to frequency so a doubled count looks doubled.
            radius = radius_max * math.sqrt(e.count / biggest)
            intensity = e.mean_intensity if e.mean_intensity is not None else 0
            shapes.append(
                Shape(
                    "circle",
                    {
                        "cx": col_x[w],
                        "cy": cy,
                        "r": radius,
                        "fill": "#6A3D9A",
                        "fill_opacity": round(0.2 + 0.8 * intensity / 10, 3),
                    },
                    key="emotion-dot",
                    title=_("Week of %(week)s: %(emotion)s %(count)s×, mean intensity %(mean)s")
                    % {"week": _day(w), "emotion": name, "count": e.count, "mean": _fmt(e.mean_intensity, 1)},
                )
            )
    y = LinearScale((0, 10), (safety_top + safety_h, safety_top))
    shapes.append(_text(8, safety_top - 10, _("Felt safety (0–10)"), key="panel-label-safety", font_weight="bold"))
    for tick in (0, 5, 10):
        shapes.append(_line(left, y(tick), width - right, y(tick), stroke=GRID_COLOUR))
        shapes.append(_text(left - 8, y(tick) + 4, str(tick), text_anchor="end"))
    by_week = {s.week: s for s in safety}
    coords = [
        (col_x[w], y(by_week[w].mean_safety)) for w in weeks if w in by_week and by_week[w].mean_safety is not None
    ]
    if len(coords) > 1:
        shapes.append(_polyline(coords, key="line-safety", stroke=SAFETY_COLOUR, stroke_width=2))
    for w in weeks:
        s = by_week.get(w)
        if s and s.mean_safety is not None:
            shapes.append(
                _marker(
                    col_x[w],
                    y(s.mean_safety),
                    "circle",
                    SAFETY_COLOUR,
                    key="point-safety",
                    title=_("Week of %(week)s: mean felt safety %(mean)s")
                    % {"week": _day(w), "mean": _fmt(s.mean_safety, 1)},
                )
            )
    shapes += _week_labels(weeks, [col_x[w] for w in weeks], height - 12, layout)
    rows = []
    for w in reversed(weeks):  # the latest week first: it is the one a reader looks for
        s = by_week.get(w)
        week_emotions = sorted((e for e in emotions if e.week == w and e.count), key=lambda e: (-e.count, e.emotion))
        rows.append(
            [
                _day(w),
                str(s.entries if s else 0),
                ", ".join(f"{e.emotion} {e.count}× ({_fmt(e.mean_intensity, 1)})" for e in week_emotions) or "—",
                _fmt(s.mean_safety if s else None, 1),
            ]
        )
    entries = sum(s.entries for s in safety)
    return Chart(
        slug=slug + layout.suffix,
        font_size=layout.font,
        layout=layout.name,
        title=_("Diary: emotions per week and felt safety"),
        desc=(
            _("%(entries)s shared entries over %(weeks)s weeks.")
            if shared_only
            else _("%(entries)s entries over %(weeks)s weeks.")
        )
        % {"entries": entries, "weeks": len(weeks)},
        width=width,
        height=height,
        shapes=shapes,
        table=Table(
            caption=_("Shared diary entries per week") if shared_only else _("Diary entries per week"),
            columns=[_("Week of"), _("Entries"), _("Emotions (times, mean intensity)"), _("Mean felt safety")],
            rows=rows,
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


# --- (d) goals: attempts per week and GAS T-score ------------------------------------------------


@dataclass(frozen=True)
class GoalWeeks:
    title: str
    target_per_week: int | None
    attempts: dict[date, int]  # week start -> check-ins that week


def goal_attempts_chart(
    goals: Sequence[GoalWeeks], weeks: Sequence[date], *, slug: str = "goals", layout: Layout = WIDE
) -> Chart:
    """One small bar chart per goal: check-ins per week, with the weekly target as a dashed line.
    A goal's title too long for the chart's width runs onto more lines above its bars."""
    weeks = sorted(weeks)
    width, left, right, top = layout.width, layout.left, 16 if layout is WIDE else 10, 8
    panel_h, gap, line_h = 70, 34, round(layout.font * 1.3)
    titles = [plane_labels.wrap(g.title, width - left - right, layout.font, bold=True) for g in goals]
    col_w = (width - left - right) / max(1, len(weeks))
    shapes: list[Shape] = []
    cursor = top
    for g_index, goal in enumerate(goals):
        colour = GOAL_COLOURS[g_index % len(GOAL_COLOURS)]
        extra = line_h * (len(titles[g_index]) - 1)
        y0 = cursor + gap - 8 + extra
        cursor += panel_h + gap + extra
        most = max([goal.target_per_week or 0, *goal.attempts.values(), 1])
        y = LinearScale((0, most), (y0 + panel_h, y0))
        for k, line in enumerate(titles[g_index]):
            y_line = y0 - 8 - line_h * (len(titles[g_index]) - 1 - k)
            shapes.append(_text(left, y_line, line, key="goal-label", font_weight="bold"))
        shapes.append(_line(left, y(0), width - right, y(0), stroke="#888888"))
        shapes.append(_text(left - 6, y(most) + 4, str(most), text_anchor="end"))
        shapes.append(_text(left - 6, y(0) + 4, "0", text_anchor="end"))
        for i, w in enumerate(weeks):
            n = goal.attempts.get(w, 0)
            if n:
                shapes.append(
                    Shape(
                        "rect",
                        {
                            "x": left + col_w * i + col_w * 0.15,
                            "y": y(n),
                            "width": col_w * 0.7,
                            "height": y(0) - y(n),
                            "fill": colour,
                        },
                        key="attempt-bar",
                        title=_("Week of %(week)s: %(n)s attempts") % {"week": _day(w), "n": n},
                    )
                )
        if goal.target_per_week:
            shapes.append(
                _line(
                    left,
                    y(goal.target_per_week),
                    width - right,
                    y(goal.target_per_week),
                    key="target-line",
                    stroke=TARGET_COLOUR,
                    stroke_dasharray="6 3",
                    stroke_width=1.5,
                )
            )
    height = (cursor if goals else top + panel_h + gap) + (14 if layout is WIDE else 18)
    shapes += _week_labels(weeks, [left + col_w * (i + 0.5) for i in range(len(weeks))], height - 4, layout)
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
            rows=[[_day(w)] + [str(g.attempts.get(w, 0)) for g in goals] for w in reversed(weeks)],  # latest first
        ),
        notes=[_("Bars: check-ins that week; dashed line: the weekly target.")],
        empty=not goals,
    )


@dataclass(frozen=True)
class GasReview:
    day: date
    t_score: float
    goals_rated: int = 0


def gas_chart(reviews: Sequence[GasReview], *, slug: str = "gas", layout: Layout = WIDE) -> Chart:
    """GAS T-score across goals at each review; 50 is 'as expected' (Kiresuk & Sherman, 1968)."""
    reviews = sorted(reviews, key=lambda r: r.day)
    width, height, left, right, top, bottom = layout.width, 200, layout.left, 16 if layout is WIDE else 10, 16, 30
    lo = min([20.0, *(r.t_score for r in reviews)])
    hi = max([80.0, *(r.t_score for r in reviews)])
    y = LinearScale((lo, hi), (height - bottom, top))
    x = date_scale([r.day for r in reviews], (left + 10, width - right - 10))
    shapes: list[Shape] = []
    for tick in range(int(math.ceil(lo / 10) * 10), int(hi) + 1, 10):
        shapes.append(_line(left, y(tick), width - right, y(tick), stroke=GRID_COLOUR))
        shapes.append(_text(left - 6, y(tick) + 4, str(tick), text_anchor="end"))
    shapes.append(
        _line(left, y(50), width - right, y(50), key="expected-line", stroke=TARGET_COLOUR, stroke_dasharray="6 3")
    )
    shapes.append(_text(width - right, y(50) - 4, _("expected (50)"), text_anchor="end", font_size=layout.tick_font))
    coords = [(x(r.day.toordinal()), y(r.t_score)) for r in reviews]
    if len(coords) > 1:
        shapes.append(_polyline(coords, key="line-gas", stroke="#6A3D9A", stroke_width=2))
    for r, (px, py) in zip(reviews, coords, strict=True):
        shapes.append(
            _marker(px, py, "circle", "#6A3D9A", key="point-gas", title=f"{_day(r.day)}: T = {_fmt(r.t_score, 1)}")
        )
    shapes += _date_labels(_date_ticks([r.day for r in reviews], most=layout.date_ticks), x, height - 8, layout)
    rows = [[_day(r.day), _fmt(r.t_score, 1), str(r.goals_rated)] for r in reviews]
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
            caption=_("GAS T-score per review"), columns=[_("Date"), _("T-score"), _("Goals rated")], rows=rows
        ),
        notes=[_("T = 50 + 10·Σx / √(0.7·n + 0.3·n²) for equally weighted goals (Kiresuk & Sherman, 1968).")],
        empty=not reviews,
    )
