"""Words on the attachment plane never cover each other, a point or the chart's edge."""

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.utils import translation

from dashboard import charts
from dashboard.charts import ScorePoint, TargetPoint
from dashboard.charts.plane_labels import Box, text_box

TEXT = re.compile(r"<text ([^>]*)>(.*?)</text>", re.S)
ATTR = re.compile(r'([a-z-]+)="([^"]*)"')
# What the Dutch instrument file calls the corners (the longest names the plane must hold).
DUTCH_CORNERS = {
    "secure": "Veilig",
    "anxious": "Angstig-gepreoccupeerd",
    "avoidant": "Vermijdend-afwijzend",
    "fearful": "Angstig-vermijdend (gedesorganiseerd)",
}


def _texts(svg: str) -> list[tuple[str, Box, dict]]:
    """Each <text>'s words and the box they cover, rotated ones turned with them."""
    out = []
    for attrs, body in TEXT.findall(svg):
        a = dict(ATTR.findall(attrs))
        words = unescape(re.sub(r"<title>.*?</title>", "", body))
        bold = a.get("font-weight") == "bold"
        box = text_box(
            float(a["x"]), float(a["y"]), words, float(a.get("font-size", 11)), a.get("text-anchor", "start"), bold
        )
        if a.get("transform", "").startswith("rotate(-90"):
            cx, cy = float(a["x"]), float(a["y"])
            box = Box(cx + (box.y0 - cy), cy - (box.x1 - cx), cx + (box.y1 - cy), cy - (box.x0 - cx))
        out.append((words, box, a))
    return out


def _points(svg: str) -> list[Box]:
    return [
        Box(float(cx) - float(r), float(cy) - float(r), float(cx) + float(r), float(cy) + float(r))
        for cx, cy, r in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"', svg)
    ]


def _assert_clear(chart):
    svg = str(chart.svg())
    texts = _texts(svg)
    view = Box(0, 0, chart.width, chart.height)
    for words, box, _a in texts:
        assert box.inside(view), (words, box)
    for i, (words, box, _a) in enumerate(texts):
        for other, other_box, _b in texts[i + 1 :]:
            assert not box.overlaps(other_box, gap=0), (words, other)
    labels = [(w, b) for w, b, a in texts if a.get("class") in ("sb-point-label", "sb-target-label")]
    for words, box in labels:
        for point in _points(svg):
            assert not box.overlaps(point, gap=0), (words, point)
    return texts, labels


def _close_points(n=6, start=date(2026, 1, 5)):
    # six administrations within 0.2 of each other on both dimensions
    return [
        ScorePoint(start + timedelta(weeks=4 * i), anxiety=4.5 + 0.04 * i, avoidance=3.6 + 0.03 * (i % 3))
        for i in range(n)
    ]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_close_points_get_labels_that_do_not_overlap_and_stay_inside(language):
    with translation.override(language):
        chart = charts.attachment_plane_chart(_close_points(), labels=DUTCH_CORNERS if language == "nl" else None)
    _texts_, labels = _assert_clear(chart)
    assert len(labels) == 6  # each point has a date or, where dates do not fit, its row number
    words = [w for w, _b in labels]
    assert sum(bool(re.fullmatch(r"\d+[/.-]\d+[/.-]\d+", w)) for w in words) >= 2  # latest and first dated
    if any(w.isdigit() for w in words):
        assert any("(#)" in note for note in chart.notes)  # the numbers are explained


def test_points_at_the_edges_and_corners_keep_their_labels_inside():
    points = [
        ScorePoint(date(2026, 1, 5), anxiety=7.0, avoidance=7.0),
        ScorePoint(date(2026, 2, 5), anxiety=1.0, avoidance=1.0),
        ScorePoint(date(2026, 3, 5), anxiety=7.0, avoidance=1.0),
        ScorePoint(date(2026, 4, 5), anxiety=1.0, avoidance=7.0),
    ]
    with translation.override("nl"):
        chart = charts.attachment_plane_chart(points, labels=DUTCH_CORNERS)
    _texts_, labels = _assert_clear(chart)
    assert len(labels) == 4


def test_many_points_never_overlap():
    points = [ScorePoint(date(2025, 1, 1) + timedelta(days=7 * i), 4.0 + (i % 5) * 0.1, 4.0) for i in range(30)]
    _assert_clear(charts.attachment_plane_chart(points))


@pytest.mark.parametrize("language", ["en", "nl"])
def test_corner_names_fit_their_quadrant_in_dutch(language):
    with translation.override(language):
        chart = charts.attachment_plane_chart([], labels=DUTCH_CORNERS if language == "nl" else None)
    texts, _labels = _assert_clear(chart)
    (split,) = chart.find("split-x")
    for words, box, a in texts:
        if a.get("class") in ("sb-corner-secure", "sb-corner-anxious"):
            assert box.x1 < split.attrs["x1"], words
        if a.get("class") in ("sb-corner-avoidant", "sb-corner-fearful"):
            assert box.x0 > split.attrs["x1"], words


def test_relationships_at_the_same_place_are_named_apart_or_numbered():
    same = ScorePoint(date(2026, 1, 5), anxiety=6.2, avoidance=5.9)
    targets = [
        TargetPoint("partner", "romantic partner", same),
        TargetPoint("mother", "mother or mother-like figure", same),
        TargetPoint("father", "father or father-like figure", ScorePoint(same.day, 6.1, 5.95)),
        TargetPoint("friend", "best friend", ScorePoint(same.day, 6.25, 5.8)),
    ]
    with translation.override("nl"):
        chart = charts.relationship_plane_chart(targets, labels=DUTCH_CORNERS)
    _texts_, labels = _assert_clear(chart)
    assert len(labels) == 4
    numbered = [w for w, _b in labels if w.isdigit()]
    for n in numbered:
        assert any(f"{n}: " in note for note in chart.notes)


def test_the_pdf_draws_the_labels_no_wider_than_the_placement_assumed():
    """The PDF redraws the same shapes in Helvetica: narrower text in the same boxes cannot overlap."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from dashboard.charts.plane_labels import text_width

    with translation.override("nl"):
        chart = charts.attachment_plane_chart(_close_points(), labels=DUTCH_CORNERS)
    for words, _box, a in _texts(str(chart.svg())):
        size = float(a.get("font-size", 11))
        bold = a.get("font-weight") == "bold"
        assert stringWidth(words, "Helvetica-Bold" if bold else "Helvetica", size) <= text_width(words, size, bold)
