"""Anxiety and avoidance over time: two stacked panels sharing the time axis.

Each panel shows the population norm band, the baseline's reliable-change band and the scores
joined in time order. The band is `assessments.change.reliable_band`, the one rule every page
judges a change by, so the chart's band and the table's words cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from assessments import change

from . import marks
from .layout import WIDE, Layout
from .svg import (
    ANXIETY_COLOUR,
    AVOIDANCE_COLOUR,
    GRID_COLOUR,
    Band,
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
    _rect_between,
    _text,
    date_scale,
)

COLOURS = {"anxiety": ANXIETY_COLOUR, "avoidance": AVOIDANCE_COLOUR}
MARKERS = {"anxiety": "circle", "avoidance": "square"}
PANEL_H, TOP, GAP, BOTTOM = 130, 24, 34, 34


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


def s_diff(sd: float, reliability: float) -> float:
    """Standard error of the difference: assessments.change's (Jacobson & Truax, 1991)."""
    return change.s_diff(sd, reliability)


def reliable_change_band(baseline: float, sd: float, reliability: float) -> Band:
    """Scores inside this band differ from the baseline by less than measurement error."""
    return Band(*change.reliable_band(baseline, sd, reliability))


def dimension_labels() -> dict[str, str]:
    return {"anxiety": _("Anxiety"), "avoidance": _("Avoidance")}


def lay_dimension_labels() -> dict[str, str]:
    return {"anxiety": _("Worry about closeness"), "avoidance": _("Discomfort with closeness")}


def _citations(refs: Sequence[DimensionReference], figures_used: bool, norms_used: bool) -> str:
    citations: list[str] = []
    for ref in refs:
        for text, used in ((ref.source, figures_used), (ref.norm_source, norms_used)):
            for part in text.split("; ") if used and text else ():
                if part not in citations:
                    citations.append(part)
    return "; ".join(citations)


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
    cited = {"citation": _citations(refs, figures_provisional, norms_provisional)}
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


@dataclass(frozen=True)
class _Panel:
    """Where one dimension's panel is drawn: its y scale and the plot's left and right edges."""

    dim: str
    y0: float
    y: LinearScale
    left: float
    right: float
    scale: tuple[float, float]


def _grid(panel: _Panel, label: str) -> list[Shape]:
    y, left, right = panel.y, panel.left, panel.right
    shapes = [_text(left, panel.y0 - 8, label, key=f"panel-label-{panel.dim}", font_weight="bold")]
    for tick in range(int(panel.scale[0]), int(panel.scale[1]) + 1):
        shapes.append(_line(left, y(tick), right, y(tick), stroke=GRID_COLOUR, stroke_width=1))
        shapes.append(_text(left - 6, y(tick) + 4, str(tick), text_anchor="end"))
    return shapes


def _norm_band(panel: _Panel, ref: DimensionReference | None, label: str) -> list[Shape]:
    if not ref or ref.norm_mean is None or ref.norm_sd is None:
        return []
    band = Band(ref.norm_mean - ref.norm_sd, ref.norm_mean + ref.norm_sd).clipped(panel.scale)
    shape = _rect_between(
        panel.left, panel.right, panel.y(band.low), panel.y(band.high), key=f"norm-band-{panel.dim}",
        fill="#999999", opacity=0.18,
    )  # fmt: skip
    shape.title = _("Population norm %(dim)s: %(low)s–%(high)s") % {
        "dim": label.lower(),
        "low": _fmt(band.low),
        "high": _fmt(band.high),
    }
    return [shape]


def _baseline_band(panel: _Panel, baseline: float, ref: DimensionReference, plain: bool) -> list[Shape]:
    """The reliable-change band around the baseline (clipped to the scale) and the baseline itself."""
    band = reliable_change_band(baseline, ref.sd, ref.reliability)
    clipped = band.clipped(panel.scale)
    colour, y = COLOURS[panel.dim], panel.y
    shape = _rect_between(
        panel.left, panel.right, y(clipped.low), y(clipped.high), key=f"rc-band-{panel.dim}", fill=colour, opacity=0.15
    )
    title = (
        _("About the same as the first time: %(low)s–%(high)s")
        if plain
        else _("No reliable change from baseline: %(low)s–%(high)s")
    )
    shape.title = title % {"low": _fmt(band.low), "high": _fmt(band.high)}
    line = _line(
        panel.left, y(baseline), panel.right, y(baseline), key=f"baseline-{panel.dim}",
        stroke=colour, stroke_dasharray="4 3", stroke_width=1,
    )  # fmt: skip
    return [shape, line]


def _series(panel: _Panel, points: Sequence[ScorePoint], x: LinearScale, label: str) -> list[Shape]:
    dim, colour = panel.dim, COLOURS[panel.dim]
    coords = [(x(p.day.toordinal()), panel.y(getattr(p, dim))) for p in points]
    shapes = [_polyline(coords, key=f"line-{dim}", stroke=colour, stroke_width=2)]
    for p, (px, py) in zip(points, coords, strict=True):
        title = f"{_day(p.day)}: {label} {_fmt(getattr(p, dim))}"
        shapes.append(_marker(px, py, MARKERS[dim], colour, key=f"point-{dim}", title=title))
    return shapes


def _panel_shapes(panel: _Panel, points, ref: DimensionReference | None, x: LinearScale, plain: bool) -> list[Shape]:
    label = dimension_labels()[panel.dim]
    shapes = _grid(panel, label) + _norm_band(panel, ref, label)
    if points and ref:
        shapes += _baseline_band(panel, getattr(points[0], panel.dim), ref, plain)
    if points:
        shapes += _series(panel, points, x, label)
    return shapes


def _rows(points: Sequence[ScorePoint], change_labels: Sequence[str] | None, plain: bool) -> list[list[str]]:
    baseline_word = _("first time") if plain else _("baseline")
    return [
        [
            _day(p.day),
            _fmt(p.anxiety),
            _fmt(p.avoidance),
            p.corner,
            baseline_word if i == 0 else (change_labels[i] if change_labels is not None else ""),
        ]
        for i, p in enumerate(points)
    ]


def _desc(points: Sequence[ScorePoint]) -> str:
    if not points:
        return _("No scored administrations yet.")
    return _("%(n)s administrations from %(first)s to %(last)s. Latest: anxiety %(anx)s, avoidance %(avo)s.") % {
        "n": len(points),
        "first": _day(points[0].day),
        "last": _day(points[-1].day),
        "anx": _fmt(points[-1].anxiety),
        "avo": _fmt(points[-1].avoidance),
    }


def _in_order(points, change_labels):
    """Points by day, with their change texts (when given) kept beside them."""
    if change_labels is None:
        return sorted(points, key=lambda p: p.day), None
    ordered = sorted(zip(points, change_labels, strict=True), key=lambda pc: pc[0].day)
    return [p for p, _c in ordered], [c for _p, c in ordered]


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
    sessions: Sequence[date] = (),
    milestones: Sequence[marks.Milestone] = (),
) -> Chart:
    """Two stacked panels (anxiety above avoidance) sharing the time axis; the first point is
    the baseline. `change_labels`, one text per point in the given order, fill the table's last
    column with the reliable change against the baseline; `plain` names that column and the
    baseline in a client's words instead of a therapist's. `sessions` are drawn as ticks on the
    time axis and `milestones` as labelled markers (charts.marks)."""
    points, change_labels = _in_order(points, change_labels)
    milestones = sorted(milestones, key=lambda m: m.day)
    width, left, right = layout.width, layout.left, 16 if layout is WIDE else 10
    days = [p.day for p in points] + list(sessions) + [m.day for m in milestones]
    x = date_scale(days, (left, width - right))
    top = TOP + (marks.MARK_BAND if milestones else 0)
    shapes: list[Shape] = []
    for index, dim in enumerate(change.DIMENSIONS):
        y0 = top + index * (PANEL_H + GAP)
        panel = _Panel(dim, y0, LinearScale(scale, (y0 + PANEL_H, y0)), left, width - right, scale)
        shapes += _panel_shapes(panel, points, references.get(dim), x, plain)
    axis_y = top + 2 * PANEL_H + GAP
    shapes += marks.session_ticks(sessions, x, axis_y)
    shapes += marks.milestone_shapes(milestones, x, top - 6, axis_y, layout.font, width - right)
    shapes += _date_labels(_date_ticks(days, most=layout.date_ticks), x, axis_y + 18, layout)
    last_column = _("Since the first time") if plain else _("Reliable change vs baseline")
    return Chart(
        slug=slug + layout.suffix,
        font_size=layout.font,
        layout=layout.name,
        title=title or _("Anxiety and avoidance over time"),
        desc=_desc(points),
        width=width,
        height=axis_y + BOTTOM,
        shapes=shapes,
        table=Table(
            caption=_("Scores per administration"),
            columns=[_("Date"), _("Anxiety"), _("Avoidance"), _("Corner"), last_column],
            rows=_rows(points, change_labels, plain) if layout is WIDE else [],
            wide=True,
        ),
        notes=_reference_notes(list(references.values())) + marks.notes(milestones, sessions),
        empty=not points,
    )
