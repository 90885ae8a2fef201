"""How wide a time chart is drawn and how big its words are: one layout for a desktop, one for a phone.

Why two drawings and not one that scales: an SVG scales its words with it. The desktop's
640-unit chart shown on a 390 px phone (366 px of column) shrinks to 57 %, its 11-unit words
to about 6 px. The phone's drawing is 360 units wide, so it is shown at its own size there and
its 12-unit words stay 12 px; CSS shows one drawing or the other (dashboard.css), print and
the PDF use the desktop's. The attachment planes are square and small enough to need only one
drawing, with words large enough for both (PLANE_FONT).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import plane_labels


@dataclass(frozen=True)
class Layout:
    name: str
    width: int  # viewBox width
    font: float  # labels and axis numbers
    tick_font: float  # dates along the time axis
    left: int  # room left of the plot for the axis numbers
    date_ticks: int  # most date labels under a chart drawn against time
    week_ticks: int  # most week labels under a chart drawn per week
    edge_anchors: bool  # the first and last week labels grow inward (no room to centre them)

    @property
    def suffix(self) -> str:
        """Appended to a chart's slug, so the two drawings' ids differ."""
        return "" if self.name == "wide" else f"-{self.name}"


WIDE = Layout("wide", width=640, font=11, tick_font=9, left=44, date_ticks=6, week_ticks=8, edge_anchors=False)
PHONE = Layout("phone", width=360, font=12, tick_font=12, left=30, date_ticks=3, week_ticks=4, edge_anchors=True)

# The planes (370 units, shown at 366 px on a 390 px phone): 11.2-unit words are 11.1 px there.
PLANE_SIZE, PLANE_FONT = 370, 11.2


def spaced(ticks: list[tuple[float, str, str]], size: float, gap: float = 8) -> list[int]:
    """Which of the tick labels (x, text, anchor) to draw: the first, then each that keeps
    `gap` clear of the one before; the last always, in place of an earlier one it would touch."""

    def box(i: int) -> plane_labels.Box:
        x, text, anchor = ticks[i]
        return plane_labels.text_box(x, 0, text, size, anchor)

    def clear(i: int, j: int) -> bool:
        return not box(i).overlaps(box(j), gap=gap)

    keep: list[int] = []
    for i in range(len(ticks)):
        if i == len(ticks) - 1:
            while keep and not clear(keep[-1], i):
                keep.pop()
            keep.append(i)
        elif not keep or clear(keep[-1], i):
            keep.append(i)
    return keep
