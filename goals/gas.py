"""Goal Attainment Scaling (GAS) summary score.

Kiresuk, T. J., & Sherman, R. E. (1968). Goal attainment scaling: A general method for
evaluating comprehensive community mental health programs. *Community Mental Health
Journal*, 4(6), 443–453. https://doi.org/10.1007/BF01530764

Each goal i is rated on five levels x_i ∈ {−2, −1, 0, +1, +2} (0 = the expected outcome),
with a weight w_i (equal weights unless the therapist sets them). The summary T-score is

    T = 50 + 10 · Σ(w_i · x_i) / sqrt((1 − ρ) · Σ w_i² + ρ · (Σ w_i)²)

where ρ is the assumed correlation between the goal scales; Kiresuk & Sherman proposed
ρ = 0.3 and that is the convention kept here. T = 50 means "goals attained as expected",
and the score has a standard deviation of about 10 when the assumptions hold.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

GAS_RHO = 0.3
GAS_LEVELS = (-2, -1, 0, 1, 2)


def gas_t_score(levels: Sequence[int], weights: Sequence[float] | None = None, rho: float = GAS_RHO) -> float | None:
    """The GAS T-score of goals rated at `levels`; None when there is nothing to score.

    `weights` defaults to 1 for every goal. Raises ValueError for a level outside −2..+2,
    a negative weight, mismatched lengths or all weights zero (the formula is undefined).
    """
    if not levels:
        return None
    if weights is None:
        weights = [1.0] * len(levels)
    if len(weights) != len(levels):
        raise ValueError("levels and weights must have the same length")
    if not 0 <= rho < 1:
        raise ValueError("rho must be in [0, 1)")
    for level in levels:
        if level not in GAS_LEVELS:
            raise ValueError(f"GAS level {level} is outside −2..+2")
    if any(w < 0 for w in weights):
        raise ValueError("GAS weights cannot be negative")
    sum_w = float(sum(weights))
    if sum_w == 0:
        raise ValueError("at least one GAS weight must be positive")
    sum_wx = sum(w * x for w, x in zip(weights, levels, strict=True))
    sum_w2 = sum(w * w for w in weights)
    denominator = math.sqrt((1 - rho) * sum_w2 + rho * sum_w**2)
    return 50 + 10 * sum_wx / denominator
