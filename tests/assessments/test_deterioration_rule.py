"""The one reliable-change and deterioration rule (assessments.change), worked by hand.

ECR-R defaults: SD 1.15, r .92 → S_diff = √2 · 1.15 · √0.08 = 0.46; a reliable change is
at least 1.96 · 0.46 = 0.9016 scale points.
"""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from assessments import change
from assessments.loader import get_instrument

FIGURES = change.figures_for(get_instrument("ecr-r"), None)


def series(*pairs):
    return [SimpleNamespace(anxiety=Decimal(str(a)), avoidance=Decimal(str(v))) for a, v in pairs]


def test_the_figures_are_the_instruments_and_give_s_diff_0_46():
    f = FIGURES["anxiety"]
    assert (f.sd, f.r) == (Decimal("1.15"), Decimal("0.92"))
    assert f.s_diff == pytest.approx(0.46)
    assert f.reliable_difference == pytest.approx(0.9016)
    assert change.reliable_band(3.0, f.sd, f.r) == pytest.approx((2.0984, 3.9016))


def test_one_score_is_no_deterioration():
    assert not change.series_deterioration(series((4.0, 3.0)), FIGURES)


def test_a_relapse_after_improvement_is_a_deterioration_against_the_previous_score():
    # 4.0 → 2.0 → 3.5: −0.5 against the baseline (RCI −1.09, no reliable change),
    # +1.5 against the previous score (RCI +3.26, reliably worse).
    result = change.series_deterioration(series((4.0, 3.0), (2.0, 3.0), (3.5, 3.0)), FIGURES)
    assert result.since_baseline == ()
    assert result.since_previous == ("anxiety",)
    assert bool(result) is True
    assert result.dimensions == ("anxiety",)


def test_a_slow_slide_is_a_deterioration_against_the_baseline():
    # 2.0 → 2.5 → 3.0 → 3.0 on avoidance: +0.5 and +0.5 and 0 each time, +1.0 since the start (RCI 2.17).
    result = change.series_deterioration(series((3, 2.0), (3, 2.5), (3, 3.0), (3, 3.0)), FIGURES)
    assert result.since_baseline == ("avoidance",)
    assert result.since_previous == ()
    assert result


def test_a_rise_just_under_the_reliable_difference_is_not_one_and_just_over_is():
    assert not change.series_deterioration(series((3.0, 3.0), (3.9, 3.0)), FIGURES)  # RCI 1.957
    assert change.series_deterioration(series((3.0, 3.0), (3.91, 3.0)), FIGURES)  # RCI 1.978


def test_a_rise_of_exactly_1_96_s_diff_counts():
    assert change.series_deterioration(series((2.0, 3.0), (2.9016, 3.0)), FIGURES).since_baseline == ("anxiety",)


def test_improvement_is_never_a_deterioration():
    result = change.series_deterioration(series((5.0, 5.0), (3.0, 3.0)), FIGURES)
    assert not result
    assert result == change.Deterioration()


def test_with_two_scores_the_baseline_is_the_previous_score():
    result = change.series_deterioration(series((2.0, 2.0), (3.5, 2.1)), FIGURES)
    assert result.since_baseline == result.since_previous == ("anxiety",)


def test_the_rule_on_changes_names_which_comparison_and_which_dimension():
    worse = change.reliable_change(2.0, 3.5, Decimal("1.15"), Decimal("0.92"))
    same = change.reliable_change(2.0, 2.1, Decimal("1.15"), Decimal("0.92"))
    assert change.worse_than_baseline({"anxiety": same, "avoidance": worse})
    assert not change.worse_than_previous({"anxiety": same, "avoidance": None})
    result = change.reliable_deterioration({"anxiety": same, "avoidance": worse}, {"anxiety": worse})
    assert result == change.Deterioration(since_baseline=("avoidance",), since_previous=("anxiety",))
    assert result.dimensions == ("anxiety", "avoidance")


@pytest.mark.parametrize("rise", [0.0, 0.5, 0.9, 0.9015, 0.9016, 0.9017, 0.95, 1.5, -1.0, -0.9016])
@pytest.mark.parametrize(("sd", "r"), [(1.15, 0.92), (1.0, 0.85), (0.8, 0.9)])
def test_the_squared_sql_test_agrees_with_the_rci_label(rise, sd, r):
    by_rci = change.reliable_change(2.0, 2.0 + rise, sd, r).label == change.WORSE
    by_squares = rise > 0 and rise * rise >= change.sql_squared_threshold() * 2 * sd * sd * (1 - r)
    assert by_rci == by_squares


def test_words_arrows_and_classes_per_category():
    assert [change.words(c) for c in change.CATEGORIES] == ["reliably improved", "no reliable change", "reliably worse"]
    assert [change.lay_words(c) for c in change.CATEGORIES] == ["clearly better", "no clear change", "clearly worse"]
    assert [change.ARROWS[c] for c in change.CATEGORIES] == ["▼", "≈", "▲"]
    assert [change.CSS[c] for c in change.CATEGORIES] == ["sb-improved", "sb-nochange", "sb-worse"]
    assert change.words(None) == ""
    with translation.override("nl"):
        assert change.words(change.WORSE) == "betrouwbaar verslechterd"
        assert change.lay_words(change.WORSE) == "duidelijk slechter"


def test_the_history_explains_the_rule_with_the_rules_own_threshold(world, monkeypatch):
    from django.test import Client as HttpClient
    from django.urls import reverse

    monkeypatch.setattr(change, "RCI_THRESHOLD", 2.5)
    http = HttpClient()
    http.force_login(world.therapist_a)
    url = reverse("assessments:client_history", kwargs={"pk": world.client_a.pk})
    body = http.get(url).content.decode()
    assert "(RCI, from the SD and reliability r below) is 2.50 or more" in body
    assert "reliably worse than the first or the previous score" in body
    world.therapist_a.language = "nl"
    world.therapist_a.save(update_fields=["language"])
    body = http.get(url).content.decode()
    assert "hieronder) is 2,50 of meer" in body
    assert "betrouwbaar slechter dan de eerste of de vorige score" in body
