"""The drawing primitives every chart shares: scales, shapes, the table beside a chart, the chart.

Only SVG presentation attributes are used (fill, stroke, opacity, …), never `style=""`: the
CSP forbids inline styles. Nothing here touches the database or the request.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from html import escape

from django.utils.formats import date_format, localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from assessments.display import format_score

from .layout import PHONE, WIDE, Layout, spaced

# Colours chosen to stay apart for the common colour-vision deficiencies (Okabe & Ito palette);
# every series also differs by marker shape or dash so colour is never the only cue.
ANXIETY_COLOUR = "#D55E00"
AVOIDANCE_COLOUR = "#0072B2"
SAFETY_COLOUR = "#009E73"
TARGET_COLOUR = "#444444"
GOAL_COLOURS = ("#0072B2", "#E69F00", "#CC79A7", "#009E73", "#56B4E9", "#D55E00")
GRID_COLOUR = "#DDDDDD"
TEXT_COLOUR = "#212529"


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


@dataclass(frozen=True)
class Band:
    low: float
    high: float

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high

    def clipped(self, scale: tuple[float, float]) -> Band:
        return Band(max(scale[0], self.low), min(scale[1], self.high))


# --- shapes ------------------------------------------------------------------------------------


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
        attrs = [
            f'{_ATTR_NAMES.get(name) or _attr_name(name)}="{_attr_value(value)}"' for name, value in self.attrs.items()
        ]
        if self.key:
            attrs.append(f'class="sb-{escape(self.key)}"')
        inner = f"<title>{escape(self.title)}</title>" if self.title else ""
        if self.text:
            inner += escape(self.text)
        if inner:
            return f"<{self.tag} {' '.join(attrs)}>{inner}</{self.tag}>"
        return f"<{self.tag} {' '.join(attrs)}/>"


_ATTR_NAMES: dict[str, str] = {}


def _attr_name(name: str) -> str:
    return _ATTR_NAMES.setdefault(name, name.replace("_", "-"))


def _attr_value(value: float | str) -> str:
    """A coordinate is digits and a point (nothing to escape, and most values are coordinates);
    anything else is escaped."""
    kind = type(value)
    if kind is float:
        return _num(value)
    if kind is int:
        return str(value)
    return escape(_num(value))


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


# --- words and numbers ---------------------------------------------------------------------------


def _fmt(value: float | None, digits: int = 2) -> str:
    return _fmt_in(type(value), value, digits, _language())


def _day(value: date) -> str:
    return _day_in(value, _language())


_drawing = threading.local()
_UNSET = object()


@contextmanager
def one_language() -> Iterator[None]:
    """Charts drawn inside this block are for one page in one language: it is looked up once
    (Django's lookup costs more than the remembered date it would key) instead of for each of
    a thousand labels. Per thread, so pages drawn side by side keep their own."""
    before = getattr(_drawing, "language", _UNSET)
    _drawing.language = get_language()
    try:
        yield
    finally:
        if before is _UNSET:
            del _drawing.language
        else:
            _drawing.language = before


def _language() -> str | None:
    language = getattr(_drawing, "language", _UNSET)
    return get_language() if language is _UNSET else language


# A progress page writes the same few hundred dates and figures in several titles, tables and
# both drawings, and Django's date formatting costs more than drawing a shape: each is worked
# out once per language (the key), still by the one formatter, so a chart reads as the page does.
@lru_cache(maxsize=8192)
def _fmt_in(kind: type, value: float | None, digits: int, language: str | None) -> str:
    return format_score(value, digits)


@lru_cache(maxsize=8192)
def _day_in(value: date, language: str | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


# --- the chart and its table -------------------------------------------------------------------

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

    def body_html(self) -> SafeString:
        """The table's rows as markup, each cell labelled with its column's name (the phone's
        cards) and the first a row header: what `labelled_rows` gives a template, written here
        because a two-year table looped over in the template cost more than drawing its chart.
        Cells are escaped as the template would: text escaped, safe text kept, numbers localised."""
        columns = [(f' data-label="{conditional_escape(col)}"', i in self.nowrap) for i, col in enumerate(self.columns)]
        rows = []
        for row in self.rows:
            cells = []
            for i, ((label, nowrap), cell) in enumerate(zip(columns, row, strict=False)):
                nowrap_class = ' class="text-nowrap"' if nowrap else ""
                text = _cell(cell)
                cells.append(
                    f'<th scope="row"{nowrap_class}>{text}</th>' if i == 0 else f"<td{label}{nowrap_class}>{text}</td>"
                )
            rows.append(f"<tr>{''.join(cells)}</tr>")
        return mark_safe("\n".join(rows))  # noqa: S308 - every cell and label is escaped above


def _cell(value) -> str:
    if type(value) is str:
        return escape(value)
    return conditional_escape(localize(value))


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
    layout: str = "wide"  # layout.Layout.name
    phone: Chart | None = None  # the same chart drawn for a phone (see layout), when there is one

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
    """The chart as `build` draws it for a desktop, carrying its phone drawing in `.phone`.

    The phone drawing's table has no rows: a page shows the desktop's table once, beside
    whichever drawing the screen shows, so its rows are not worked out twice."""
    chart = build(*args, **kwargs)
    chart.phone = build(*args, layout=PHONE, **kwargs)
    return chart


# --- time axes -----------------------------------------------------------------------------------


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
