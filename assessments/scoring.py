"""Scoring as pure functions over the instrument data (no database, no Django).

Keys: ECR-R (Fraley, Waller & Brennan, 2000) and ECR-RS (Fraley, Heffernan, Vicary &
Brumbaugh, 2011) — reverse-keyed answers become (min + max) − answer, i.e. 8 − answer on the
1–7 scale, and each dimension is the plain mean of its items. The item lists and reverse
keys come from the instrument files (assessments/instruments/*.json), never from here.

Reliable change: Jacobson, N. S., & Truax, P. (1991). Clinical significance: a statistical
approach to defining meaningful change in psychotherapy research. J Consult Clin Psychol,
59(1), 12–19.  RCI = (x2 − x1) / S_diff with S_diff = √2 · SD · √(1 − r); |RCI| ≥ 1.96 is a
reliable change. On these scales lower anxiety or avoidance is the improvement.

Change judged on the plane: anxiety and avoidance are measured together, so whether a point
moved is one question about the vector d = (Δanxiety, Δavoidance). Its measurement error has
the covariance of the two difference scores, Σ = [[S_anx², ρ·S_anx·S_avo], [ρ·S_anx·S_avo,
S_avo²]], where S is each dimension's S_diff (above) and ρ the correlation between the two
dimensions' measurement errors on one occasion (errors of two occasions independent, so the
difference errors correlate by the same ρ). The squared Mahalanobis distance (Mahalanobis,
P. C. (1936). On the generalised distance in statistics. Proc Natl Inst Sci India, 2, 49–55)
D² = dᵀ Σ⁻¹ d = (z_anx² − 2ρ·z_anx·z_avo + z_avo²) / (1 − ρ²), with z the per-dimension RCIs,
follows χ² with 2 degrees of freedom when nothing changed but error; the change is reliable at
the 95% level when D² > 5.99 (for 2 df the tail is exp(−x/2), so the critical value is
2·ln 20 = 5.9915). The points no reliable change away from the earlier point form the ellipse
dᵀ Σ⁻¹ d = 5.99 around it.

Means are computed exactly (fractions) so the corner never flips on a rounding artefact;
they are rounded half-up only for storage (4 places) and display (2 places).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .loader import Instrument

Corner = Literal["secure", "anxious", "avoidant", "fearful"]
ChangeLabel = Literal["improved", "no_change", "worse"]

RCI_THRESHOLD = 1.96
# A tiny tolerance so a change that is exactly on the threshold by hand (e.g. 1.96 × S_diff)
# is not lost to binary floating point.
RCI_TOLERANCE = 1e-9


class AnswerError(ValueError):
    """Answers that cannot be scored; `problems` lists every problem, not just the first."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Result:
    anxiety: Decimal  # 4 decimals, half-up
    avoidance: Decimal
    corner: Corner
    exact: dict[str, Fraction]
    instrument_version: str
    split_point: Decimal


def keyed(answer: int, reversed_item: bool, scale_min: int = 1, scale_max: int = 7) -> int:
    """The scored value of one answer: reverse-keyed items count as (min + max) − answer."""
    return scale_min + scale_max - answer if reversed_item else answer


def answer_problems(instrument: Instrument, answers: Mapping[int, int], *, complete: bool = True) -> list[str]:
    """Everything wrong with a set of answers (unknown item, outside the scale, missing)."""
    problems = []
    known = set(instrument.item_numbers)
    for number, answer in sorted(answers.items(), key=lambda kv: str(kv[0])):
        if number not in known:
            problems.append(f"unknown item {number}")
        elif not isinstance(answer, int) or isinstance(answer, bool):
            problems.append(f"item {number}: answer {answer!r} is not a whole number")
        elif not instrument.scale_min <= answer <= instrument.scale_max:
            problems.append(f"item {number}: answer {answer} is outside {instrument.scale_min}-{instrument.scale_max}")
    if complete:
        missing = missing_items(instrument, answers)
        if missing:
            problems.append("missing items " + ", ".join(str(n) for n in missing))
    return problems


def missing_items(instrument: Instrument, answers: Mapping[int, int]) -> list[int]:
    return [n for n in instrument.item_numbers if n not in answers]


def exact_means(instrument: Instrument, answers: Mapping[int, int]) -> dict[str, Fraction]:
    """Each dimension's mean of keyed answers, exactly. Raises AnswerError on bad input."""
    problems = answer_problems(instrument, answers)
    if problems:
        raise AnswerError(problems)
    totals: dict[str, int] = dict.fromkeys(instrument.dimensions, 0)
    counts: dict[str, int] = dict.fromkeys(instrument.dimensions, 0)
    for item in instrument.items:
        totals[item.subscale] += keyed(answers[item.number], item.reversed, instrument.scale_min, instrument.scale_max)
        counts[item.subscale] += 1
    return {dim: Fraction(totals[dim], counts[dim]) for dim in instrument.dimensions}


def rounded(value: Fraction | Decimal | float, places: int = 2) -> Decimal:
    """Half-up rounding (what a hand calculation and a spreadsheet report), not banker's."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def corner(anxiety: Fraction | Decimal | float, avoidance: Fraction | Decimal | float, split_point) -> Corner:
    """The style corner: a dimension is high when its mean is at or above the split point."""
    split = Fraction(str(split_point))
    high_anx = Fraction(str(anxiety)) >= split if not isinstance(anxiety, Fraction) else anxiety >= split
    high_avo = Fraction(str(avoidance)) >= split if not isinstance(avoidance, Fraction) else avoidance >= split
    if high_anx and high_avo:
        return "fearful"
    if high_anx:
        return "anxious"
    if high_avo:
        return "avoidant"
    return "secure"


def score(instrument: Instrument, answers: Mapping[int, int], *, split_point=None) -> Result:
    """Score a complete set of answers {item number: answer}."""
    means = exact_means(instrument, answers)
    split = Decimal(str(split_point)) if split_point is not None else instrument.split_point
    return Result(
        anxiety=rounded(means["anxiety"], 4),
        avoidance=rounded(means["avoidance"], 4),
        corner=corner(means["anxiety"], means["avoidance"], split),
        exact=means,
        instrument_version=instrument.version_label,
        split_point=split,
    )


def s_diff(sd: float | Decimal, r: float | Decimal) -> float:
    """Standard error of the difference between two scores (Jacobson & Truax, 1991)."""
    sd, r = float(sd), float(r)
    if sd <= 0 or not 0 <= r < 1:
        raise ValueError("SD must be positive and r in [0, 1)")
    return math.sqrt(2) * sd * math.sqrt(1 - r)


def rci(before: float | Decimal, after: float | Decimal, sd: float | Decimal, r: float | Decimal) -> float:
    """Reliable Change Index: (after − before) / S_diff. Negative = the score went down."""
    return (float(after) - float(before)) / s_diff(sd, r)


def change_label(rci_value: float) -> ChangeLabel:
    """Lower anxiety/avoidance is better: RCI ≤ −1.96 improved, ≥ +1.96 worse."""
    if rci_value <= -RCI_THRESHOLD + RCI_TOLERANCE:
        return "improved"
    if rci_value >= RCI_THRESHOLD - RCI_TOLERANCE:
        return "worse"
    return "no_change"


@dataclass(frozen=True)
class Change:
    rci: float
    label: ChangeLabel
    difference: float


def reliable_change(before, after, sd, r) -> Change:
    value = rci(before, after, sd, r)
    return Change(rci=value, label=change_label(value), difference=float(after) - float(before))


# --- change judged on the plane (both dimensions at once) ------------------------------------------

# χ² critical value, 2 degrees of freedom, 95%: the χ²(2) tail is exp(−x/2) = .05 at x = 2·ln 20.
CHI2_2DF_95 = 2 * math.log(20)

PlaneDirection = Literal[
    "secure", "fearful", "anxious", "avoidant", "less_anxious", "more_anxious", "less_avoidant", "more_avoidant",
    "none",
]  # fmt: skip

# A move counts along a dimension when it is at least tan(22.5°) of the move along the other:
# the eight directions of a compass rose, each 45° wide.
_TAN_22_5 = math.tan(math.radians(22.5))


@dataclass(frozen=True)
class PlaneChange:
    d_anxiety: float
    d_avoidance: float
    rci_anxiety: float
    rci_avoidance: float
    distance2: float  # squared Mahalanobis distance D²
    reliable: bool  # D² > CHI2_2DF_95
    direction: PlaneDirection  # where the point moved; "none" when it did not move reliably


def _check_rho(rho: float) -> float:
    rho = float(rho)
    if not -1 < rho < 1:
        raise ValueError("the error correlation must be in (-1, 1)")
    return rho


def mahalanobis2(d_anxiety, d_avoidance, s_anxiety: float, s_avoidance: float, rho: float) -> float:
    """D² of the change vector against the difference scores' error covariance (see the module
    docstring): (z_anx² − 2ρ·z_anx·z_avo + z_avo²) / (1 − ρ²) with z = Δ / S_diff."""
    rho = _check_rho(rho)
    if s_anxiety <= 0 or s_avoidance <= 0:
        raise ValueError("S_diff must be positive")
    z1, z2 = float(d_anxiety) / s_anxiety, float(d_avoidance) / s_avoidance
    return (z1 * z1 - 2 * rho * z1 * z2 + z2 * z2) / (1 - rho * rho)


def plane_direction(d_anxiety, d_avoidance) -> PlaneDirection:
    """Which way a point moved on the plane, in one of eight 45° directions: both lower is
    toward secure, both higher toward fearful, anxiety up and avoidance down toward anxious,
    the reverse toward avoidant; a move mostly along one dimension is named by that dimension."""
    da, dv = float(d_anxiety), float(d_avoidance)
    if da == 0 and dv == 0:
        return "none"
    along_anx = abs(da) >= _TAN_22_5 * abs(dv)
    along_avo = abs(dv) >= _TAN_22_5 * abs(da)
    if along_anx and along_avo:
        return {(True, True): "secure", (False, False): "fearful", (False, True): "anxious", (True, False): "avoidant"}[
            (da < 0, dv < 0)
        ]
    if along_anx:
        return "less_anxious" if da < 0 else "more_anxious"
    return "less_avoidant" if dv < 0 else "more_avoidant"


def plane_change(before, after, s_anxiety: float, s_avoidance: float, rho: float) -> PlaneChange:
    """The change from `before` to `after` ((anxiety, avoidance) pairs) judged on the plane."""
    d_anx = float(after[0]) - float(before[0])
    d_avo = float(after[1]) - float(before[1])
    distance2 = mahalanobis2(d_anx, d_avo, s_anxiety, s_avoidance, rho)
    reliable = distance2 > CHI2_2DF_95 + RCI_TOLERANCE
    return PlaneChange(
        d_anxiety=d_anx,
        d_avoidance=d_avo,
        rci_anxiety=d_anx / s_anxiety,
        rci_avoidance=d_avo / s_avoidance,
        distance2=distance2,
        reliable=reliable,
        direction=plane_direction(d_anx, d_avo) if reliable else "none",
    )


@dataclass(frozen=True)
class Ellipse:
    """The points no reliable change away from a centre, in scale points: half-axes along the
    direction `angle` (degrees, counter-clockwise from the avoidance axis) and across it."""

    half_major: float
    half_minor: float
    angle: float


def reliable_ellipse(s_anxiety: float, s_avoidance: float, rho: float, critical: float = CHI2_2DF_95) -> Ellipse:
    """dᵀ Σ⁻¹ d = critical, with avoidance on x and anxiety on y (as the plane is drawn): the
    half-axes are √(critical·λ) for the eigenvalues λ of Σ, the major axis along the first
    eigenvector."""
    rho = _check_rho(rho)
    a, b, c = s_avoidance**2, s_anxiety**2, rho * s_anxiety * s_avoidance
    mean, spread = (a + b) / 2, math.hypot((a - b) / 2, c)
    angle = 0.5 * math.degrees(math.atan2(2 * c, a - b))
    return Ellipse(
        half_major=math.sqrt(critical * (mean + spread)),
        half_minor=math.sqrt(critical * (mean - spread)),
        angle=angle,
    )


def sample_sd(values) -> float | None:
    """The sample standard deviation (n − 1 in the denominator) of the values; None below two.
    Jacobson & Truax (1991) take the SD of the pre-treatment scores for S_diff."""
    numbers = [float(v) for v in values]
    if len(numbers) < 2:
        return None
    mean = sum(numbers) / len(numbers)
    return math.sqrt(sum((v - mean) ** 2 for v in numbers) / (len(numbers) - 1))
