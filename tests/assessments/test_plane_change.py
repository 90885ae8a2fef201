"""Change judged on the plane: the Mahalanobis distance of (Δanxiety, Δavoidance) against the
error covariance of the two difference scores, reliable at 95% when D² > 5.99 (χ², 2 df).

Every expected figure below is worked by hand in the comment beside it. The ECR-R's
provisional figures (SD 1.15, r .92) give S_diff = √2 · 1.15 · √.08 = 1.15 · √.16 = 0.46 on both
dimensions, so one dimension alone is reliable from |Δ| ≥ 1.96 · 0.46 = 0.9016.
"""

import math

import pytest

from assessments import scoring

S = 0.46  # S_diff of both ECR-R dimensions with the provisional figures


def test_the_critical_value_is_chi_square_with_two_degrees_of_freedom_at_95_percent():
    # χ²(2) tail: P(X > x) = exp(−x/2); exp(−x/2) = .05  ⇒  x = 2·ln 20 = 5.99146
    assert scoring.CHI2_2DF_95 == pytest.approx(5.99146, abs=1e-5)


def test_s_diff_of_the_ecr_r_provisional_figures_is_0_46():
    assert scoring.s_diff(1.15, 0.92) == pytest.approx(S, abs=1e-12)


def test_a_change_reliable_on_the_plane_that_neither_dimension_shows_alone():
    # Δ = (−0.80, −0.80): z = −0.80 / 0.46 = −1.7391 on each (|z| < 1.96: neither alone).
    # ρ = 0: D² = z² + z² = 2 · 0.64 / 0.2116 = 6.0491 > 5.9915: reliable, toward secure.
    change = scoring.plane_change((4.00, 4.00), (3.20, 3.20), S, S, 0.0)
    assert scoring.change_label(change.rci_anxiety) == "no_change"
    assert scoring.change_label(change.rci_avoidance) == "no_change"
    assert change.distance2 == pytest.approx(6.0491, abs=1e-4)
    assert change.reliable
    assert change.direction == "secure"


def test_a_change_one_dimension_shows_alone_that_is_not_reliable_on_the_plane():
    # Δ = (−0.92, 0): z_anx = −0.92 / 0.46 = −2.00 (|z| ≥ 1.96: reliably improved alone),
    # z_avo = 0. D² = 4.00 < 5.9915: not reliable on the plane.
    change = scoring.plane_change((4.50, 3.00), (3.58, 3.00), S, S, 0.0)
    assert scoring.change_label(change.rci_anxiety) == "improved"
    assert change.distance2 == pytest.approx(4.0, abs=1e-9)
    assert not change.reliable
    assert change.direction == "none"


def test_correlated_errors_make_a_diagonal_move_less_and_a_cross_move_more_remarkable():
    # ρ = .30, z = (−1.7391, −1.7391): z² = 3.02457.
    # D² = (3.02457 − 2·.3·3.02457 + 3.02457) / (1 − .09) = 4.23440 / .91 = 4.6532  (not reliable)
    same = scoring.mahalanobis2(-0.80, -0.80, S, S, 0.3)
    assert same == pytest.approx(4.6532, abs=1e-4)
    # z = (−1.7391, +1.7391): D² = (6.04915 + 1.81474) / .91 = 8.6416  (reliable, toward avoidant)
    cross = scoring.plane_change((4.0, 3.0), (3.2, 3.8), S, S, 0.3)
    assert cross.distance2 == pytest.approx(8.6416, abs=1e-4)
    assert cross.reliable and cross.direction == "avoidant"


def test_unequal_errors_weigh_each_dimension_by_its_own_s_diff():
    # S_anx = 0.46, S_avo = 0.70 (ECR-RS-like), ρ = 0, Δ = (−0.60, −1.20):
    # z = (−1.3043, −1.7143); D² = 1.70132 + 2.93878 = 4.6401: not reliable.
    assert scoring.mahalanobis2(-0.60, -1.20, 0.46, 0.70, 0.0) == pytest.approx(4.6401, abs=1e-4)


@pytest.mark.parametrize(
    ("delta", "direction"),
    [
        ((-1.0, -1.0), "secure"),
        ((1.0, 1.0), "fearful"),
        ((1.0, -1.0), "anxious"),
        ((-1.0, 1.0), "avoidant"),
        ((-1.5, -0.2), "less_anxious"),  # 0.2 < tan 22.5° · 1.5 = 0.62: mostly along anxiety
        ((1.5, 0.0), "more_anxious"),
        ((0.1, -1.5), "less_avoidant"),
        ((0.0, 1.5), "more_avoidant"),
        ((-1.5, -0.7), "secure"),  # 0.7 ≥ 0.62: both count
    ],
)
def test_the_direction_of_a_move_is_one_of_eight_compass_directions(delta, direction):
    assert scoring.plane_direction(*delta) == direction


def test_the_ellipse_of_uncorrelated_equal_errors_is_a_circle_of_radius_sqrt_5_99_times_s_diff():
    # √5.9915 · 0.46 = 2.44776 · 0.46 = 1.12597
    ellipse = scoring.reliable_ellipse(S, S, 0.0)
    assert ellipse.half_major == pytest.approx(1.12597, abs=1e-5)
    assert ellipse.half_minor == pytest.approx(1.12597, abs=1e-5)


def test_the_ellipse_of_positively_correlated_errors_leans_along_the_diagonal():
    # Σ = 0.2116 · [[1, .3], [.3, 1]]: eigenvalues 0.2116 · 1.3 and 0.2116 · 0.7 on the diagonals.
    # Half-axes √(5.9915 · 0.27508) = 1.28380 and √(5.9915 · 0.14812) = 0.94205, major at 45°.
    ellipse = scoring.reliable_ellipse(S, S, 0.3)
    assert ellipse.angle == pytest.approx(45.0)
    assert ellipse.half_major == pytest.approx(1.28380, abs=1e-5)
    assert ellipse.half_minor == pytest.approx(0.94205, abs=1e-5)
    # A point on the ellipse is exactly at the critical distance.
    t = math.radians(ellipse.angle)
    d_avo, d_anx = ellipse.half_major * math.cos(t), ellipse.half_major * math.sin(t)
    assert scoring.mahalanobis2(d_anx, d_avo, S, S, 0.3) == pytest.approx(scoring.CHI2_2DF_95)


def test_an_error_correlation_outside_minus_one_to_one_is_refused():
    with pytest.raises(ValueError):
        scoring.mahalanobis2(1, 1, S, S, 1.0)
