"""Scoring against hand-worked vectors; every expected figure below is worked out by hand.

ECR-R key (Fraley, Waller & Brennan, 2000): anxiety 1-18, avoidance 19-36; reverse-keyed
9, 11 (anxiety) and 20, 22, 26, 27, 28, 29, 30, 31, 33, 34, 35, 36 (avoidance) as 8 - answer.
ECR-RS key (Fraley et al., 2011): avoidance 1-6 with 1-4 reversed, anxiety 7-9.
The key lists are written out here on purpose, independent of the instrument files, so a
typo in a data file fails these tests.
"""

from decimal import Decimal
from fractions import Fraction

import pytest

from assessments import scoring
from assessments.loader import get_instrument

ECR_R_REVERSED = [9, 11, 20, 22, 26, 27, 28, 29, 30, 31, 33, 34, 35, 36]
ECR_RS_REVERSED = [1, 2, 3, 4]


def answers(slug, value=4, **overrides):
    spec = get_instrument(slug)
    given = dict.fromkeys(spec.item_numbers, value)
    given.update({int(k[1:]): v for k, v in overrides.items()})
    return given


def test_instrument_files_carry_the_published_key():
    ecr_r = get_instrument("ecr-r")
    assert sorted(ecr_r.reverse_keyed) == ECR_R_REVERSED
    assert [i.number for i in ecr_r.items if i.subscale == "anxiety"] == list(range(1, 19))
    assert [i.number for i in ecr_r.items if i.subscale == "avoidance"] == list(range(19, 37))
    ecr_rs = get_instrument("ecr-rs")
    assert sorted(ecr_rs.reverse_keyed) == ECR_RS_REVERSED
    assert [i.number for i in ecr_rs.items if i.subscale == "avoidance"] == [1, 2, 3, 4, 5, 6]
    assert [i.number for i in ecr_rs.items if i.subscale == "anxiety"] == [7, 8, 9]


def test_reverse_keying_is_eight_minus_answer():
    assert [scoring.keyed(a, True) for a in range(1, 8)] == [7, 6, 5, 4, 3, 2, 1]
    assert [scoring.keyed(a, False) for a in range(1, 8)] == [1, 2, 3, 4, 5, 6, 7]


def test_ecr_r_all_ones():
    # anxiety: 16 items keyed 1 + items 9, 11 keyed 7 = 16 + 14 = 30; 30/18 = 1.6667
    # avoidance: 6 items keyed 1 (19, 21, 23, 24, 25, 32) + 12 reversed keyed 7 = 6 + 84 = 90; 90/18 = 5
    result = scoring.score(get_instrument("ecr-r"), answers("ecr-r", 1))
    assert result.exact == {"anxiety": Fraction(30, 18), "avoidance": Fraction(5)}
    assert result.anxiety == Decimal("1.6667")
    assert result.avoidance == Decimal("5.0000")
    assert result.corner == "avoidant"


def test_ecr_r_all_sevens():
    # anxiety: 16 x 7 + 2 x 1 = 114; 114/18 = 6.3333 — avoidance: 6 x 7 + 12 x 1 = 54; 54/18 = 3
    result = scoring.score(get_instrument("ecr-r"), answers("ecr-r", 7))
    assert result.exact == {"anxiety": Fraction(114, 18), "avoidance": Fraction(3)}
    assert result.anxiety == Decimal("6.3333")
    assert result.corner == "anxious"


def test_ecr_r_all_fours_sits_on_the_split_point_and_counts_as_high():
    # Reversing 4 gives 4: both means are exactly 4, and 4 >= split point 4 on both dimensions.
    result = scoring.score(get_instrument("ecr-r"), answers("ecr-r", 4))
    assert (result.anxiety, result.avoidance, result.corner) == (Decimal("4"), Decimal("4"), "fearful")


def test_ecr_r_alternating_odd_one_even_seven():
    # anxiety: odd non-reversed 1,3,5,7,13,15,17 -> 7 x 1 = 7; odd reversed 9, 11 -> 7 + 7 = 14;
    #          even 2..18 (none reversed) -> 9 x 7 = 63; total 84; 84/18 = 4.6667
    # avoidance: odd non-reversed 19,21,23,25 -> 4; odd reversed 27,29,31,33,35 -> 5 x 7 = 35;
    #            even non-reversed 24, 32 -> 14; even reversed 20,22,26,28,30,34,36 -> 7 x 1 = 7;
    #            total 60; 60/18 = 3.3333
    spec = get_instrument("ecr-r")
    given = {n: 1 if n % 2 else 7 for n in spec.item_numbers}
    result = scoring.score(spec, given)
    assert result.exact == {"anxiety": Fraction(84, 18), "avoidance": Fraction(60, 18)}
    assert (result.anxiety, result.avoidance) == (Decimal("4.6667"), Decimal("3.3333"))
    assert result.corner == "anxious"


@pytest.mark.parametrize("number", ECR_R_REVERSED)
def test_ecr_r_each_reverse_keyed_item_alone(number):
    # All answers 4 except this item answered 1: reversed it counts 7, so its dimension is
    # (17 x 4 + 7)/18 = 75/18 = 4.1667 and the other dimension stays 4.
    spec = get_instrument("ecr-r")
    result = scoring.score(spec, answers("ecr-r", 4, **{f"i{number}": 1}))
    own = "anxiety" if number <= 18 else "avoidance"
    other = "avoidance" if own == "anxiety" else "anxiety"
    assert getattr(result, own) == Decimal("4.1667")
    assert getattr(result, other) == Decimal("4.0000")


@pytest.mark.parametrize("number", [n for n in range(1, 37) if n not in ECR_R_REVERSED])
def test_ecr_r_each_forward_item_alone(number):
    # Not reversed: the 1 counts as 1, so (17 x 4 + 1)/18 = 69/18 = 3.8333.
    result = scoring.score(get_instrument("ecr-r"), answers("ecr-r", 4, **{f"i{number}": 1}))
    assert getattr(result, "anxiety" if number <= 18 else "avoidance") == Decimal("3.8333")


def test_ecr_rs_all_ones_all_sevens_and_alternating():
    spec = get_instrument("ecr-rs")
    # all 1: avoidance 4 reversed x 7 + 2 x 1 = 30/6 = 5; anxiety 3/3 = 1
    ones = scoring.score(spec, answers("ecr-rs", 1))
    assert (ones.avoidance, ones.anxiety, ones.corner) == (Decimal("5"), Decimal("1"), "avoidant")
    # all 7: avoidance 4 x 1 + 2 x 7 = 18/6 = 3; anxiety 21/3 = 7
    sevens = scoring.score(spec, answers("ecr-rs", 7))
    assert (sevens.avoidance, sevens.anxiety, sevens.corner) == (Decimal("3"), Decimal("7"), "anxious")
    # odd 1 / even 7: avoidance items 1..6 keyed 7,1,7,1,1,7 = 24/6 = 4; anxiety 7,8,9 -> 1,7,1 = 9/3 = 3
    alternating = scoring.score(spec, {n: 1 if n % 2 else 7 for n in spec.item_numbers})
    assert (alternating.avoidance, alternating.anxiety, alternating.corner) == (Decimal("4"), Decimal("3"), "avoidant")


@pytest.mark.parametrize("number", ECR_RS_REVERSED)
def test_ecr_rs_each_reverse_keyed_item_alone(number):
    # (5 x 4 + 7)/6 = 27/6 = 4.5 on avoidance; anxiety stays 4.
    result = scoring.score(get_instrument("ecr-rs"), answers("ecr-rs", 4, **{f"i{number}": 1}))
    assert (result.avoidance, result.anxiety) == (Decimal("4.5"), Decimal("4"))


def test_corner_uses_the_split_point_given():
    assert scoring.corner(Fraction(39, 10), Fraction(39, 10), 4) == "secure"
    assert scoring.corner(Fraction(39, 10), Fraction(39, 10), Decimal("3.5")) == "fearful"
    assert scoring.corner(Decimal("4"), Decimal("3.99"), 4) == "anxious"


def test_score_refuses_incomplete_unknown_and_out_of_range_answers():
    spec = get_instrument("ecr-r")
    given = answers("ecr-r", 4)
    del given[12]
    given[37] = 4
    given[3] = 8
    with pytest.raises(scoring.AnswerError) as error:
        scoring.score(spec, given)
    problems = error.value.problems
    assert "unknown item 37" in problems
    assert "item 3: answer 8 is outside 1-7" in problems
    assert "missing items 12" in problems


def test_rounding_is_half_up():
    assert scoring.rounded(Fraction(5, 8), 2) == Decimal("0.63")  # 0.625 -> 0.63, not banker's 0.62
    assert scoring.rounded(Fraction(30, 18), 2) == Decimal("1.67")


# --- Reliable change (Jacobson & Truax, 1991) -----------------------------------------------


def test_s_diff_by_hand():
    # ECR-R default SD 1.15, r .92: sqrt(2) * 1.15 * sqrt(0.08) = 1.15 * sqrt(0.16) = 1.15 * 0.4 = 0.46
    assert scoring.s_diff(1.15, 0.92) == pytest.approx(0.46, abs=1e-12)
    # SD 1, r .5: sqrt(2) * sqrt(0.5) = 1
    assert scoring.s_diff(1, 0.5) == pytest.approx(1.0, abs=1e-12)
    # ECR-RS default SD 1.2, r .88: 1.2 * sqrt(2 * 0.12) = 1.2 * sqrt(0.24) = 1.2 * 0.489898 = 0.587878
    assert scoring.s_diff(1.2, 0.88) == pytest.approx(0.587878, abs=1e-6)


def test_rci_by_hand_with_ecr_r_defaults():
    # 5.00 -> 3.90: -1.10 / 0.46 = -2.3913 -> reliably improved (lower anxiety)
    change = scoring.reliable_change(Decimal("5.00"), Decimal("3.90"), 1.15, 0.92)
    assert change.rci == pytest.approx(-2.3913, abs=1e-4)
    assert change.label == "improved"
    # 3.90 -> 3.50: -0.40 / 0.46 = -0.8696 -> no reliable change
    change = scoring.reliable_change(3.90, 3.50, 1.15, 0.92)
    assert change.rci == pytest.approx(-0.8696, abs=1e-4)
    assert change.label == "no_change"
    # 3.50 -> 4.50: +1.00 / 0.46 = 2.1739 -> reliably worse
    change = scoring.reliable_change(3.50, 4.50, 1.15, 0.92)
    assert change.rci == pytest.approx(2.1739, abs=1e-4)
    assert change.label == "worse"


def test_rci_threshold_is_inclusive_at_1_96():
    # With S_diff = 1 (SD 1, r .5) the RCI equals the raw difference.
    assert scoring.reliable_change(3.0, 4.96, 1, 0.5).label == "worse"
    assert scoring.reliable_change(4.96, 3.0, 1, 0.5).label == "improved"
    assert scoring.reliable_change(3.0, 4.95, 1, 0.5).label == "no_change"


def test_rci_rejects_impossible_reliability():
    with pytest.raises(ValueError):
        scoring.s_diff(1.0, 1.0)
    with pytest.raises(ValueError):
        scoring.s_diff(0, 0.9)
