"""Reliable change and reliable deterioration: the one definition every page, job and export uses.

The arithmetic is Jacobson & Truax (1991), kept pure in `scoring` (s_diff, RCI, the 1.96
threshold, the category of one change); this module is what everybody else imports:

- the figures a change is judged with (`ReliabilityFigures`, from `figures_for`);
- the reliable band around a baseline (`reliable_band`) and the smallest reliable difference;
- a change's category in words, arrow and CSS class (`words`, `lay_words`, `ARROWS`, `CSS`);
- the deterioration rule (`reliable_deterioration`), which the caseload flag, the therapist
  digest, the safety alert, the questionnaire history and the PDF all ask;
- change judged on the plane (`judge_on_plane`, `plane_words`, `plane_verdict`): both
  dimensions at once, by the Mahalanobis distance in `scoring.plane_change`.

Lower anxiety or avoidance is the improvement, so "worse" is a reliable rise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _lazy

from .display import format_practice_baseline, format_score
from .loader import CORNERS
from .scoring import (
    CHI2_2DF_95,
    RCI_THRESHOLD,
    RCI_TOLERANCE,
    Change,
    ChangeLabel,
    PlaneChange,
    change_label,
    corner,
    plane_change,
    rci,
    reliable_change,
    s_diff,
)

if TYPE_CHECKING:
    from .loader import Instrument
    from .models import ReliabilitySetting

__all__ = [
    "ARROWS", "CATEGORIES", "CORNERS", "CSS", "DIMENSIONS", "IMPROVED", "NO_CHANGE", "RCI_THRESHOLD", "WORSE",
    "Change", "ChangeLabel", "Deterioration", "PlaneChange", "ReliabilityFigures", "change_label", "corner",
    "figures_for", "judge_on_plane", "lay_words", "plane_verdict", "plane_words", "rci", "reliable_band",
    "reliable_change", "reliable_deterioration", "s_diff",
    "series_deterioration", "sql_squared_threshold", "words", "worse_dimensions", "worse_than_baseline",
    "worse_than_previous",
]  # fmt: skip

DIMENSIONS = ("anxiety", "avoidance")

IMPROVED: ChangeLabel = "improved"
NO_CHANGE: ChangeLabel = "no_change"
WORSE: ChangeLabel = "worse"
CATEGORIES: tuple[ChangeLabel, ...] = (IMPROVED, NO_CHANGE, WORSE)

# Never colour alone: every mark carries an arrow and words as well.
ARROWS: dict[str, str] = {IMPROVED: "▼", WORSE: "▲", NO_CHANGE: "≈"}
CSS: dict[str, str] = {IMPROVED: "sb-improved", WORSE: "sb-worse", NO_CHANGE: "sb-nochange"}

_WORDS = {
    IMPROVED: _lazy("reliably improved"),
    NO_CHANGE: _lazy("no reliable change"),
    WORSE: _lazy("reliably worse"),
}
# The same judgement for a client's own pages, without the statistics' words.
_LAY_WORDS = {
    IMPROVED: _lazy("clearly better"),
    NO_CHANGE: _lazy("no clear change"),
    WORSE: _lazy("clearly worse"),
}


def words(category: str | None) -> str:
    """ "reliably improved" / "no reliable change" / "reliably worse" in the active language."""
    return str(_WORDS[category]) if category in _WORDS else ""


def lay_words(category: str | None) -> str:
    """ "clearly better" / "no clear change" / "clearly worse" in the active language."""
    return str(_LAY_WORDS[category]) if category in _LAY_WORDS else ""


# --- the figures a change is judged with ---------------------------------------------------------


@dataclass(frozen=True)
class ReliabilityFigures:
    """SD and reliability r of one dimension, with what to cite for them."""

    sd: Decimal
    r: Decimal
    source: str
    provisional: bool  # True while the instrument defaults (not a practice's own) are used
    overridden: bool

    @property
    def s_diff(self) -> float:
        return s_diff(self.sd, self.r)

    @property
    def reliable_difference(self) -> float:
        """The smallest change in scale points that counts as reliable (1.96 · S_diff)."""
        return RCI_THRESHOLD * self.s_diff

    def __iter__(self):
        # (sd, r), so a figure unpacks like the (sd, r) pair callers used to receive.
        return iter((self.sd, self.r))


def figures_for(
    instrument: Instrument, override: ReliabilitySetting | None, target: str = ""
) -> dict[str, ReliabilityFigures]:
    """Per dimension: the practice's own figures when it set some, else the instrument's (for an
    ECR-RS relationship with its own published r, that relationship's)."""
    figures = {}
    for dim in DIMENSIONS:
        if override is not None:
            figures[dim] = ReliabilityFigures(
                sd=getattr(override, f"{dim}_sd"),
                r=getattr(override, f"{dim}_r"),
                source=_override_source(instrument, override),
                provisional=False,
                overridden=True,
            )
        else:
            sd, r = instrument.default_reliability(dim, target)
            # The short citation; the data file's "source" is the long reasoning for maintainers.
            source, provisional = instrument.reliability_citation(target)
            figures[dim] = ReliabilityFigures(sd=sd, r=r, source=source, provisional=provisional, overridden=False)
    return figures


def _override_source(instrument: Instrument, override) -> str:
    """The practice's own note, or for SDs from its own baselines the one formatted sentence
    (figure, N, date) and where r comes from."""
    n = getattr(override, "baseline_n", None)
    if not n:
        return override.source
    baseline = format_practice_baseline(n, override.baseline_on, override.anxiety_sd, override.avoidance_sd)
    citation, provisional = instrument.reliability_citation()
    return f"{baseline}; r: {citation}" + (" " + str(_lazy("(r provisional)")) if provisional else "")


def reliable_band(baseline, sd, r) -> tuple[float, float]:
    """The scores that are no reliable change from `baseline`: baseline ± 1.96 · S_diff."""
    half = RCI_THRESHOLD * s_diff(sd, r)
    return float(baseline) - half, float(baseline) + half


# --- reliable deterioration ----------------------------------------------------------------------


@dataclass(frozen=True)
class Deterioration:
    """Which dimensions of the latest score are reliably worse, and against which earlier score.

    True when any is: `if reliable_deterioration(...)` reads as the flag itself."""

    since_baseline: tuple[str, ...] = ()
    since_previous: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.since_baseline or self.since_previous)

    @property
    def dimensions(self) -> tuple[str, ...]:
        return tuple(d for d in DIMENSIONS if d in self.since_baseline or d in self.since_previous)


def worse_dimensions(changes: Mapping[str, Change | None]) -> tuple[str, ...]:
    """The dimensions whose change is a reliable rise (RCI ≥ 1.96)."""
    return tuple(d for d in DIMENSIONS if (c := changes.get(d)) is not None and c.label == WORSE)


def worse_than_baseline(vs_baseline: Mapping[str, Change | None]) -> bool:
    """Reliably worse than the first score of the series on anxiety or avoidance."""
    return bool(worse_dimensions(vs_baseline))


def worse_than_previous(vs_previous: Mapping[str, Change | None]) -> bool:
    """Reliably worse than the score just before it on anxiety or avoidance."""
    return bool(worse_dimensions(vs_previous))


def reliable_deterioration(
    vs_baseline: Mapping[str, Change | None], vs_previous: Mapping[str, Change | None]
) -> Deterioration:
    """THE deterioration rule: the latest score is reliably worse than the baseline OR than
    the previous score, on either dimension.

    Why both comparisons: a client who improved and then relapses (4.0 → 2.0 → 3.5 on
    anxiety) is no reliable change from the baseline, yet the relapse is a reliable rise a
    therapist must see before the next session; comparing with the baseline alone hides it
    until the score climbs past where therapy began. Comparing with the previous score alone
    would lose a slow slide (many small rises that add up). So the flag is either.
    With one score there is nothing to compare: no deterioration. With two, the baseline is
    also the previous score."""
    return Deterioration(since_baseline=worse_dimensions(vs_baseline), since_previous=worse_dimensions(vs_previous))


def series_deterioration(scores: Sequence, figures: Mapping[str, ReliabilityFigures]) -> Deterioration:
    """The rule for a series of scores (oldest first, each with .anxiety and .avoidance) of one
    questionnaire and relationship target: its latest against its first and its previous."""
    if len(scores) < 2:
        return Deterioration()
    first, previous, latest = scores[0], scores[-2], scores[-1]
    vs_baseline, vs_previous = {}, {}
    for dim in DIMENSIONS:
        f = figures[dim]
        vs_baseline[dim] = reliable_change(getattr(first, dim), getattr(latest, dim), f.sd, f.r)
        vs_previous[dim] = reliable_change(getattr(previous, dim), getattr(latest, dim), f.sd, f.r)
    return reliable_deterioration(vs_baseline, vs_previous)


def sql_squared_threshold() -> float:
    """(1.96 − tolerance)² for SQL that tests a rise d ≥ 1.96 · S_diff as d > 0 and
    d² ≥ this · 2 · SD² · (1 − r): the same test as `change_label`, without a square root
    (SQLite has none)."""
    return (RCI_THRESHOLD - RCI_TOLERANCE) ** 2


# --- change judged on the plane --------------------------------------------------------------------

_PLANE_WORDS = {
    "secure": _lazy("moved reliably toward secure"),
    "fearful": _lazy("moved reliably toward fearful"),
    "anxious": _lazy("moved reliably toward anxious"),
    "avoidant": _lazy("moved reliably toward avoidant"),
    "less_anxious": _lazy("moved reliably toward less anxiety"),
    "more_anxious": _lazy("moved reliably toward more anxiety"),
    "less_avoidant": _lazy("moved reliably toward less avoidance"),
    "more_avoidant": _lazy("moved reliably toward more avoidance"),
    "none": _lazy("no reliable change on the plane"),
}
_PLANE_LAY_WORDS = {
    "secure": _lazy("clearly moved toward secure"),
    "fearful": _lazy("clearly moved toward fearful"),
    "anxious": _lazy("clearly moved toward anxious"),
    "avoidant": _lazy("clearly moved toward avoidant"),
    "less_anxious": _lazy("clearly less worried"),
    "more_anxious": _lazy("clearly more worried"),
    "less_avoidant": _lazy("clearly less distant"),
    "more_avoidant": _lazy("clearly more distant"),
    "none": _lazy("no clear change"),
}


_PLANE_AND_DIMENSIONS = _lazy(
    "On the plane both changes are judged together (D² against 5.99, χ² with 2 degrees of "
    "freedom at p < .05); the anxiety and avoidance columns judge each score on its own "
    "(|RCI| > 1.96). A change can pass one test and not the other."
)
_PLANE_AND_DIMENSIONS_LAY = _lazy(
    '"On the plane" looks at both scores together. One score can change clearly on its own while '
    "the move on the plane as a whole is still too small to be sure of, or the other way round."
)


def plane_and_dimensions_note(*, lay: bool = False) -> str:
    """Why a column may say "clearly better" beside "no clear change" on the plane."""
    return str(_PLANE_AND_DIMENSIONS_LAY if lay else _PLANE_AND_DIMENSIONS)


def judge_on_plane(before, after, figures: Mapping[str, ReliabilityFigures], rho: float) -> PlaneChange:
    """The change from `before` to `after` (each with .anxiety and .avoidance) as one change on the
    plane, with the same SD and r per dimension the per-dimension RCI uses."""
    return plane_change(
        (before.anxiety, before.avoidance),
        (after.anxiety, after.avoidance),
        figures["anxiety"].s_diff,
        figures["avoidance"].s_diff,
        rho,
    )


def plane_words(direction: str, *, lay: bool = False) -> str:
    """ "moved reliably toward secure" … "no reliable change on the plane"; `lay` for a client."""
    table = _PLANE_LAY_WORDS if lay else _PLANE_WORDS
    return str(table.get(direction, table["none"]))


def plane_verdict(change: PlaneChange, *, lay: bool = False) -> str:
    """The words with the distance they rest on: "moved reliably toward secure (D² 6.05 > 5.99)";
    a client reads the words alone."""
    words = plane_words(change.direction, lay=lay)
    if lay:
        return words
    sign = ">" if change.reliable else "≤"
    return f"{words} (D² {format_score(change.distance2)} {sign} {format_score(CHI2_2DF_95)})"
