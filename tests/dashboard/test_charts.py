"""Chart geometry from known inputs: where points, bands and split lines land."""

import math
import re
from datetime import date

import pytest
from django.utils import translation

from dashboard import charts
from dashboard.charts import (
    DimensionReference,
    EmotionWeek,
    GasReview,
    GoalWeeks,
    SafetyWeek,
    ScorePoint,
)


@pytest.fixture(autouse=True)
def _english():
    # Page tests leave the last user's language active in the thread; charts here are checked in English.
    with translation.override("en"):
        yield


REFS = {
    "anxiety": DimensionReference(sd=1.0, reliability=0.91, norm_mean=3.5, norm_sd=1.0, norm_source="test"),
    "avoidance": DimensionReference(sd=1.0, reliability=0.84, source="test data"),
}


def test_s_diff_and_reliable_change_band_follow_jacobson_truax():
    # S_diff = √2 · 1.0 · √(1 − .91) = √2 · 0.3 = 0.42426…; half-width 1.96 × that = 0.8316
    assert charts.s_diff(1.0, 0.91) == pytest.approx(0.424264, abs=1e-6)
    band = charts.reliable_change_band(4.0, 1.0, 0.91)
    assert band.low == pytest.approx(4.0 - 0.831558, abs=1e-5)
    assert band.high == pytest.approx(4.0 + 0.831558, abs=1e-5)


def test_timeline_points_land_on_the_scale():
    points = [
        ScorePoint(date(2026, 1, 1), anxiety=1.0, avoidance=7.0),
        ScorePoint(date(2026, 1, 31), anxiety=7.0, avoidance=4.0),
    ]
    chart = charts.score_timeline_chart(points, REFS)
    anx = chart.find("point-anxiety")
    # x runs from 44 (left margin) to 624 (640 − 16); anxiety panel y from 154 (score 1) to 24 (score 7)
    assert (anx[0].attrs["cx"], anx[0].attrs["cy"]) == (44, 154)
    assert (anx[1].attrs["cx"], anx[1].attrs["cy"]) == (624, 24)
    avo = chart.find("point-avoidance")  # squares: x/y is the top-left corner, 4 px from the centre
    # avoidance panel: y0 = 24 + 130 + 34 = 188; score 7 at 188, score 4 at 188 + 65 = 253
    assert (avo[0].attrs["x"] + 4, avo[0].attrs["y"] + 4) == (44, 188)
    assert (avo[1].attrs["x"] + 4, avo[1].attrs["y"] + 4) == (624, 253)


def test_timeline_bands_have_the_expected_edges():
    points = [ScorePoint(date(2026, 1, 1), anxiety=4.0, avoidance=2.0), ScorePoint(date(2026, 2, 1), 3.0, 2.5)]
    chart = charts.score_timeline_chart(points, REFS)
    (rc,) = chart.find("rc-band-anxiety")
    y = charts.LinearScale((1, 7), (154, 24))
    half = 1.96 * math.sqrt(2) * math.sqrt(0.09)
    assert rc.attrs["y"] == pytest.approx(y(4.0 + half))
    assert rc.attrs["y"] + rc.attrs["height"] == pytest.approx(y(4.0 - half))
    (norm,) = chart.find("norm-band-anxiety")  # 3.5 ± 1.0
    assert norm.attrs["y"] == pytest.approx(y(4.5))
    assert norm.attrs["y"] + norm.attrs["height"] == pytest.approx(y(2.5))
    # no norm configured for avoidance: no band drawn, but the reliable-change band is
    assert chart.find("norm-band-avoidance") == []
    assert len(chart.find("rc-band-avoidance")) == 1
    assert any("provisional" in note for note in chart.notes)
    assert [row[:3] for row in chart.table.rows] == [["01/01/2026", "4.00", "2.00"], ["01/02/2026", "3.00", "2.50"]]


def test_reliable_change_band_is_clipped_to_the_scale():
    points = [ScorePoint(date(2026, 1, 1), anxiety=1.2, avoidance=6.9)]
    refs = {"anxiety": DimensionReference(sd=1.2, reliability=0.5), "avoidance": DimensionReference(1.2, 0.5)}
    chart = charts.score_timeline_chart(points, refs)
    (rc,) = chart.find("rc-band-anxiety")
    assert rc.attrs["y"] + rc.attrs["height"] == pytest.approx(154)  # clipped at score 1
    (rc_avo,) = chart.find("rc-band-avoidance")
    assert rc_avo.attrs["y"] == pytest.approx(188)  # clipped at score 7


@pytest.mark.parametrize(
    ("anxiety", "avoidance", "corner"),
    [
        (1, 1, "secure"),
        (3.99, 3.99, "secure"),
        (4, 1, "anxious"),
        (1, 4, "avoidant"),
        (4, 4, "fearful"),
        (7, 7, "fearful"),
    ],
)
def test_corner_follows_the_split_at_four(anxiety, avoidance, corner):
    assert charts.corner_of(anxiety, avoidance) == corner


def test_attachment_plane_puts_avoidance_on_x_and_anxiety_on_y():
    points = [
        ScorePoint(date(2026, 3, 1), anxiety=6.0, avoidance=2.0),
        ScorePoint(date(2026, 1, 1), anxiety=7.0, avoidance=1.0),  # out of order on purpose
        ScorePoint(date(2026, 5, 1), anxiety=2.5, avoidance=2.5),
    ]
    chart = charts.attachment_plane_chart(points)
    size = chart.width  # charts.layout.PLANE_SIZE; 52 units for the axes at left and bottom
    x = charts.LinearScale((1, 7), (52, size - 26))
    y = charts.LinearScale((1, 7), (size - 52, 26))
    pts = chart.find("point")
    assert [(p.attrs["cx"], p.attrs["cy"]) for p in pts] == [(x(1), y(7)), (x(2), y(6)), (x(2.5), y(2.5))]
    assert "01/01/2026" in pts[0].title  # dated, in time order
    (path,) = chart.find("path")
    assert path.attrs["points"].split(" ")[0] == f"{charts._num(x(1))},{charts._num(y(7))}"
    (split_x,) = chart.find("split-x")
    (split_y,) = chart.find("split-y")
    assert split_x.attrs["x1"] == split_x.attrs["x2"] == x(4)
    assert split_y.attrs["y1"] == split_y.attrs["y2"] == y(4)
    # secure corner is the bottom-left quadrant
    (secure,) = chart.find("quadrant-secure")
    assert (secure.attrs["x"], secure.attrs["y"] + secure.attrs["height"]) == (x(1), y(1))
    assert [row[4] for row in chart.table.rows] == ["Anxious / preoccupied", "Anxious / preoccupied", "Secure"]


def test_attachment_plane_corner_labels_are_translated():
    with translation.override("nl"):
        chart = charts.attachment_plane_chart([ScorePoint(date(2026, 1, 1), 2, 2)])
    (label,) = chart.find("corner-secure")
    assert label.text == "Veilig"


def test_diary_chart_dot_area_scales_with_frequency_and_safety_line_with_mean():
    weeks = [date(2026, 1, 5), date(2026, 1, 12)]
    emotions = [
        EmotionWeek(weeks[0], "Sad", 4, 8.0),
        EmotionWeek(weeks[1], "Sad", 1, 2.0),
        EmotionWeek(weeks[1], "Calm", 2, 5.0),
    ]
    safety = [SafetyWeek(weeks[0], 2.0, 4), SafetyWeek(weeks[1], 7.5, 3)]
    chart = charts.diary_chart(weeks, emotions, safety)
    labels = [s.text for s in chart.find("emotion-label")]
    assert labels == ["Sad", "Calm"]  # most frequent first
    dots = chart.find("emotion-dot")
    radii = sorted(d.attrs["r"] for d in dots)
    assert radii[-1] / radii[0] == pytest.approx(2.0)  # 4 vs 1 occurrences: area ×4, radius ×2
    strongest = max(dots, key=lambda d: d.attrs["r"])
    assert strongest.attrs["fill_opacity"] == pytest.approx(0.2 + 0.8 * 0.8)
    points = chart.find("point-safety")
    # safety panel: top = 20 + 2×22 + 36 = 100, height 90 → 0 at 190, 10 at 100
    assert [p.attrs["cy"] for p in points] == [pytest.approx(190 - 18), pytest.approx(190 - 67.5)]
    # the table lists the latest week first
    assert chart.table.rows[1][1] == "4" and chart.table.rows[0][3] == "7.5"


def test_goal_chart_bars_reach_the_attempt_count_and_target_line_sits_at_target():
    weeks = [date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 19)]
    goals = [GoalWeeks("Ask for help", 3, {weeks[0]: 1, weeks[2]: 6})]
    chart = charts.goal_attempts_chart(goals, weeks)
    bars = chart.find("attempt-bar")
    assert len(bars) == 2
    (target,) = chart.find("target-line")
    # panel: y0 = 8 + 34 − 8 = 34, height 70, max = 6 → target 3 at 34 + 35 = 69
    assert target.attrs["y1"] == pytest.approx(69)
    assert bars[1].attrs["y"] == pytest.approx(34) and bars[1].attrs["height"] == pytest.approx(70)
    assert chart.table.columns == ["Week of", "Ask for help (target 3)"]
    assert chart.table.rows == [["19/01/2026", "6"], ["12/01/2026", "0"], ["05/01/2026", "1"]]  # latest first


def test_gas_chart_marks_fifty_as_expected():
    reviews = [GasReview(date(2026, 1, 1), 40.0, 2), GasReview(date(2026, 2, 1), 61.2, 3)]
    chart = charts.gas_chart(reviews)
    (expected,) = chart.find("expected-line")
    y = charts.LinearScale((20, 80), (170, 16))
    assert expected.attrs["y1"] == pytest.approx(y(50))
    assert [p.attrs["cy"] for p in chart.find("point-gas")] == [pytest.approx(y(40)), pytest.approx(y(61.2))]


def test_svg_has_no_style_attributes_or_scripts_and_is_labelled():
    points = [ScorePoint(date(2026, 1, 1), 4.0, 5.0), ScorePoint(date(2026, 2, 1), 3.0, 4.5)]
    for chart in (
        charts.score_timeline_chart(points, REFS),
        charts.attachment_plane_chart(points),
        charts.diary_chart([date(2026, 1, 5)], [EmotionWeek(date(2026, 1, 5), "<b>Sad</b>", 1, 3.0)], []),
        charts.goal_attempts_chart([GoalWeeks("x", 2, {})], [date(2026, 1, 5)]),
        charts.gas_chart([GasReview(date(2026, 1, 1), 50.0)]),
    ):
        svg = str(chart.svg())
        assert "style=" not in svg and "<script" not in svg and "<b>" not in svg
        assert re.search(r'role="img" aria-labelledby="\w+-title \w+-desc"', svg)
        assert f'<title id="{chart.slug}-title">' in svg and f'<desc id="{chart.slug}-desc">' in svg
