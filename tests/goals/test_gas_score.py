"""GAS T-score (Kiresuk & Sherman, 1968) against hand-worked examples.

T = 50 + 10·Σ(wᵢxᵢ) / √((1−ρ)·Σwᵢ² + ρ·(Σwᵢ)²), ρ = 0.3.
"""

import math

import pytest

from goals.gas import gas_t_score


def test_all_goals_at_expected_level_score_50():
    # Σwx = 0 → T = 50 + 0 = 50, whatever the denominator.
    assert gas_t_score([0, 0, 0]) == 50


def test_one_goal_one_level_above_expected_scores_60():
    # Σwx = 1; Σw² = 1; (Σw)² = 1; √(0.7·1 + 0.3·1) = √1 = 1 → T = 50 + 10·1/1 = 60.
    assert gas_t_score([1]) == pytest.approx(60.0)


def test_one_goal_at_minus_two_scores_30():
    # Σwx = −2; denominator 1 → T = 50 − 20 = 30.
    assert gas_t_score([-2]) == pytest.approx(30.0)


def test_two_goals_at_plus_one_and_plus_two():
    # Σwx = 1 + 2 = 3; Σw² = 2; (Σw)² = 4; √(0.7·2 + 0.3·4) = √(1.4 + 1.2) = √2.6 = 1.61245…
    # T = 50 + 30 / 1.61245 = 50 + 18.6052 = 68.6052
    assert gas_t_score([1, 2]) == pytest.approx(68.6052, abs=1e-4)
    assert gas_t_score([1, 2]) == pytest.approx(50 + 30 / math.sqrt(2.6))


def test_two_goals_both_at_minus_two():
    # Σwx = −4; √2.6 = 1.61245 → T = 50 − 40/1.61245 = 50 − 24.8069 = 25.1931
    assert gas_t_score([-2, -2]) == pytest.approx(25.1931, abs=1e-4)


def test_three_goals_that_cancel_out_score_50():
    # −1 + 0 + 1 = 0 → 50.
    assert gas_t_score([-1, 0, 1]) == 50


def test_three_goals_all_plus_one():
    # Σwx = 3; Σw² = 3; (Σw)² = 9; √(0.7·3 + 0.3·9) = √(2.1 + 2.7) = √4.8 = 2.19089
    # T = 50 + 30/2.19089 = 50 + 13.6931 = 63.6931
    assert gas_t_score([1, 1, 1]) == pytest.approx(63.6931, abs=1e-4)


def test_unequal_weights():
    # levels +1, −1 with weights 2, 1: Σwx = 2 − 1 = 1; Σw² = 4 + 1 = 5; (Σw)² = 9;
    # √(0.7·5 + 0.3·9) = √(3.5 + 2.7) = √6.2 = 2.48998 → T = 50 + 10/2.48998 = 54.0161
    assert gas_t_score([1, -1], [2, 1]) == pytest.approx(54.0161, abs=1e-4)


def test_rho_zero_is_the_uncorrelated_case():
    # ρ = 0: two goals at +1 → Σwx = 2, √(1·2) = 1.41421 → T = 50 + 20/1.41421 = 64.1421
    assert gas_t_score([1, 1], rho=0) == pytest.approx(64.1421, abs=1e-4)


def test_no_goals_gives_no_score():
    assert gas_t_score([]) is None


@pytest.mark.parametrize(
    ("levels", "weights"),
    [([3], None), ([-3], None), ([1, 1], [1]), ([1], [-1]), ([1], [0])],
)
def test_invalid_input_is_refused(levels, weights):
    with pytest.raises(ValueError):
        gas_t_score(levels, weights)
