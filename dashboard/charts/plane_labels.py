"""Where the attachment plane's words go, so that none covers another word, a point or the edge.

The SVG is drawn on the server, which cannot measure text, so widths are estimated per
character for the browsers' sans-serif (DejaVu Sans on Linux, the widest of the common ones;
the PDF's Helvetica is narrower), erring on the wide side. A label is tried at a few places
around its point, nearest first; the first place whose box stays inside the plot and touches
no earlier label, corner name or point wins. A point whose date does not fit anywhere gets its
row number from the table instead, and only when even that does not fit, nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

# Advance widths in em for DejaVu Sans, rounded up; anything not listed counts as 0.64 em.
_NARROW = {c: 0.32 for c in "il.,:;'|!ijI "}
_MEDIUM = {c: 0.42 for c in "fjtr()-/[]"}
_WIDE = {c: 0.98 for c in "mwMW"}
_WIDTHS = {**_NARROW, **_MEDIUM, **_WIDE}
_CAPITAL = 0.76
_BOLD = 1.1  # DejaVu Sans Bold runs about a tenth wider
ASCENT, DESCENT = 0.78, 0.26  # of the font size, above and below the baseline


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, gap: float = 1.0) -> bool:
        return not (
            self.x1 + gap <= other.x0
            or other.x1 + gap <= self.x0
            or self.y1 + gap <= other.y0
            or other.y1 + gap <= self.y0
        )

    def inside(self, other: Box) -> bool:
        return self.x0 >= other.x0 and self.x1 <= other.x1 and self.y0 >= other.y0 and self.y1 <= other.y1


def text_width(text: str, size: float, bold: bool = False) -> float:
    ems = sum(_WIDTHS.get(c, _CAPITAL if c.isupper() else 0.64) for c in text)
    return ems * size * (_BOLD if bold else 1.0)


def text_box(x: float, y: float, text: str, size: float, anchor: str = "start", bold: bool = False) -> Box:
    """The box an SVG <text> at (x, y) (y is the baseline) covers."""
    width = text_width(text, size, bold)
    x0 = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
    return Box(x0, y - ASCENT * size, x0 + width, y + DESCENT * size)


def wrap(text: str, max_width: float, size: float, bold: bool = False) -> list[str]:
    """Lines no wider than max_width, broken at spaces, then after hyphens; a word too long alone stays whole."""
    words: list[str] = []
    for word in text.split(" "):
        parts = word.split("-")
        if len(parts) > 1 and text_width(word, size, bold) > max_width:
            words += [p + "-" for p in parts[:-1]] + [parts[-1]]
        else:
            words.append(word)
    lines: list[str] = []
    for word in words:
        if lines:
            joined = lines[-1] + ("" if lines[-1].endswith("-") else " ") + word
            if text_width(joined, size, bold) <= max_width:
                lines[-1] = joined
                continue
        lines.append(word)
    return lines


@dataclass(frozen=True)
class Placed:
    x: float
    y: float
    anchor: str
    text: str
    box: Box


# How far from the point a label may sit, in multiples of the marker's radius (plus 3 px).
NEAR, FAR = (1.0, 2.2), (3.6, 5.0, 7.0)


def _candidates(px: float, py: float, radius: float, size: float, reaches: tuple[float, ...]):
    """(x, y, anchor) around a point: beside it first, then above and below, then further out."""
    for reach in reaches:
        gap = radius * reach + 3
        mid = py + size * (ASCENT - DESCENT) / 2  # baseline that centres the text on the point
        up, down = py - gap, py + gap + ASCENT * size
        yield from (
            (px + gap, mid, "start"),
            (px - gap, mid, "end"),
            (px + gap * 0.7, up, "start"),
            (px - gap * 0.7, up, "end"),
            (px + gap * 0.7, down, "start"),
            (px - gap * 0.7, down, "end"),
            (px, up, "middle"),
            (px, down, "middle"),
        )


def place(
    px: float, py: float, radius: float, texts: list[str], *, size: float, taken: list[Box], bounds: Box
) -> Placed | None:
    """The first text (e.g. the date, then a number) at the first free place around the point:
    the date close by, else the number close by, else the date a little further out, and so on.

    A placed label is added to `taken`, so later labels keep clear of it.
    """
    for reaches in NEAR, FAR:
        for text in texts:
            for x, y, anchor in _candidates(px, py, radius, size, reaches):
                box = text_box(x, y, text, size, anchor)
                if box.inside(bounds) and not any(box.overlaps(other) for other in taken):
                    taken.append(box)
                    return Placed(x, y, anchor, text, box)
    return None


def marker_box(px: float, py: float, radius: float) -> Box:
    return Box(px - radius, py - radius, px + radius, py + radius)
