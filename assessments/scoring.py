"""Scoring as pure functions over the instrument data (no database, no Django).

Keys: ECR-R (Fraley, Waller & Brennan, 2000) and ECR-RS (Fraley, Heffernan, Vicary &
Brumbaugh, 2011) — reverse-keyed answers become (min + max) − answer, i.e. 8 − answer on the
1–7 scale, and each dimension is the plain mean of its items. The item lists and reverse
keys come from the instrument files (assessments/instruments/*.json), never from here.

Reliable change: Jacobson, N. S., & Truax, P. (1991). Clinical significance: a statistical
approach to defining meaningful change in psychotherapy research. J Consult Clin Psychol,
59(1), 12–19.  RCI = (x2 − x1) / S_diff with S_diff = √2 · SD · √(1 − r); |RCI| ≥ 1.96 is a
reliable change. On these scales lower anxiety or avoidance is the improvement.

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
