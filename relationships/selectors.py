"""Reads for couples and the relationship map.

Access: every function expects records the caller obtained through clients.access
(`couple_or_404` for a link, `get_client` for one client).

The planes: each path is a series of one questionnaire (and relationship) of one person, its
change from the first to the latest score judged per dimension (Jacobson & Truax's RCI, the
same figures as everywhere: assessments.selectors.reliability_for) and on the plane
(assessments.change.judge_on_plane: Mahalanobis distance, χ² 2 df), with the ellipse of no
reliable change around the first point.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from assessments import change, scoring
from assessments.display import format_change
from assessments.loader import get_instrument
from assessments.selectors import reliability_for, score_series
from clients.access import Action, clients_for
from dashboard.charts.scores import ScorePoint
from dashboard.charts.trajectories import PlaneEllipse, Trajectory
from dashboard.selectors.common import local_date
from diary.models import DiaryEntry
from goals.models import CheckIn

from .models import CoupleGoal, CoupleLink

ECR_R, ECR_RS = "ecr-r", "ecr-rs"
MAP_TARGETS = ("mother", "father", "partner", "friend")


def link_or_404(pk) -> CoupleLink:
    try:
        return CoupleLink.objects.select_related("partner_a__user", "partner_b__user").get(pk=int(pk))
    except (CoupleLink.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def state(link: CoupleLink) -> dict:
    """The link's flags as clients.access.may_couple reads them."""
    return {"is_open": link.is_open, "is_active": link.is_active, "both_show": link.both_show}


def links_of_therapist(user) -> list[CoupleLink]:
    """Open links whose partners the therapist both treats."""
    mine = clients_for(user, Action.TREAT).values("pk")
    return list(
        CoupleLink.objects.filter(ended_at__isnull=True, partner_a__in=mine, partner_b__in=mine).select_related(
            "partner_a", "partner_b"
        )
    )


def _open_links(client):
    return CoupleLink.objects.filter(Q(partner_a=client) | Q(partner_b=client), ended_at__isnull=True)


def open_links_of(client) -> list[CoupleLink]:
    return list(_open_links(client).select_related("partner_a", "partner_b"))


# The client home reads these with the client's row (clients.home): whether the client is in
# an open couple link, whether one waits for their consent (CoupleLink.consented, in SQL:
# tests/clients/test_home_facts.py holds the two to the same answers), and whether
# there is a relationship map to draw.
def couple_open_fact(user):
    return Exists(_open_links(OuterRef("pk")))


def couple_waiting_fact(user):
    me = OuterRef("pk")
    waiting = Q(partner_a=me, consent_a_at__isnull=True) | Q(partner_b=me, consent_b_at__isnull=True)
    return Exists(_open_links(me).filter(waiting))


def relationship_map_fact(user):
    return Exists(_relationship_scores(OuterRef("pk")))


def couple_entries(link: CoupleLink) -> list[DiaryEntry]:
    """Diary entries a partner shared with the couple, newest first; none unless the link is
    active (an ended link's shares are deleted as well)."""
    if not link.is_active:
        return []
    return list(
        DiaryEntry.objects.filter(
            pk__in=link.entry_shares.values("entry_id"), client_id__in=[link.partner_a_id, link.partner_b_id]
        )
        .select_related("client")
        .order_by("-occurred_at")
    )


def shareable_entries(client, limit: int = 20) -> list[DiaryEntry]:
    """The client's own latest entries, to choose one to share with the couple."""
    return list(DiaryEntry.objects.filter(client=client).order_by("-occurred_at")[:limit])


# --- the planes ------------------------------------------------------------------------------------


def _per_dimension(first, last, figures, lay: bool) -> tuple[str, str]:
    cells = []
    for dim in change.DIMENSIONS:
        f = figures[dim]
        c = scoring.reliable_change(getattr(first, dim), getattr(last, dim), f.sd, f.r)
        words = change.lay_words(c.label) if lay else change.words(c.label)
        cells.append(f"{format_change(c.difference)} ({words})")
    return cells[0], cells[1]


def trajectory(
    client, instrument: str, target: str, *, key: str, label: str, short: str, lay: bool = False, person=None
):
    """One series as a Trajectory with its change judged; None when it has no scores."""
    rows = score_series(client, instrument, target)
    if not rows:
        return None
    spec = get_instrument(instrument)
    language = (get_language() or "en")[:2]
    points = [
        ScorePoint(local_date(r.date), float(r.anxiety), float(r.avoidance), spec.corner_label(r.corner, language))
        for r in rows
    ]
    filled = instrument == ECR_R
    look = {"person": person, "style": None if person is None else (0 if filled else 1)}
    if len(rows) < 2:
        return Trajectory(
            key, label, short, points, filled=filled, verdict=_("one score: nothing to compare yet"), **look
        )
    figures = reliability_for(client.practice, instrument, target=target)
    rho = spec.error_correlation[0]
    judged = change.judge_on_plane(rows[0], rows[-1], figures, rho)
    shape = scoring.reliable_ellipse(figures["anxiety"].s_diff, figures["avoidance"].s_diff, rho)
    ellipse = PlaneEllipse(
        float(rows[0].avoidance), float(rows[0].anxiety), shape.half_major, shape.half_minor, shape.angle
    )
    return Trajectory(
        key, label, short, points, filled=filled, ellipse=ellipse,
        verdict=change.plane_verdict(judged, lay=lay), per_dimension=_per_dimension(rows[0], rows[-1], figures, lay),
        **look,
    )  # fmt: skip


def couple_trajectories(link: CoupleLink, *, lay: bool = False) -> list[Trajectory]:
    """Both partners' ECR-R over time, and each partner's ECR-RS about their partner."""
    found = []
    for person, (side, client) in enumerate((("a", link.partner_a), ("b", link.partner_b))):
        name = client.display_name
        found.append(
            trajectory(client, ECR_R, "", key=f"{side}-ecr-r", label=_("%(name)s: ECR-R") % {"name": name},
                       short=name, lay=lay, person=person)
        )  # fmt: skip
        found.append(
            trajectory(
                client, ECR_RS, "partner", key=f"{side}-ecr-rs",
                label=_("%(name)s about %(other)s: ECR-RS") % {"name": name, "other": link.other(client).display_name},
                short=_("%(name)s about %(other)s") % {"name": name, "other": link.other(client).display_name},
                lay=lay, person=person,
            )
        )  # fmt: skip
    return [t for t in found if t is not None]


def _relationship_scores(client):
    from assessments.models import Score

    return Score.objects.filter(client=client, instrument=ECR_RS, target__in=MAP_TARGETS)


def has_relationship_scores(client) -> bool:
    return _relationship_scores(client).exists()


def relationship_trajectories(client, language: str, *, lay: bool = False) -> list[Trajectory]:
    """The relationship map: each ECR-RS relationship's scores over time."""
    spec = get_instrument(ECR_RS)
    found = []
    for target in MAP_TARGETS:
        name = spec.target_label(target, language)
        found.append(trajectory(client, ECR_RS, target, key=target, label=name, short=name, lay=lay))
    return [t for t in found if t is not None]


def figure_notes(instruments_targets: list[tuple[str, str]], practice) -> list[str]:
    """Where the figures on a plane come from, one sentence each, in a clinician's words."""
    notes = [
        _(
            "Each path is one questionnaire of one person, oldest to latest. The ellipse around its first point "
            "holds the positions that are no reliable change on the plane: the change (Δanxiety, Δavoidance) is "
            "judged as one by its Mahalanobis distance D² against the measurement error of both dimensions, and "
            "counts as reliable at the 95% level when D² > 5.99 (χ², 2 degrees of freedom; Mahalanobis, 1936; "
            "error per dimension as in Jacobson & Truax, 1991). The per-dimension change (RCI) is shown beside it."
        )
    ]
    seen = set()
    for instrument, target in instruments_targets:
        figures = reliability_for(practice, instrument, target=target)["anxiety"]
        spec = get_instrument(instrument)
        if figures.source not in seen:
            seen.add(figures.source)
            what = spec.target_label(target, (get_language() or "en")[:2]) if target else instrument.upper()
            words = (
                _("%(what)s: provisional reliability figures: %(source)s.")
                if figures.provisional
                else _("%(what)s: reliability figures: %(source)s.")
            )
            notes.append(words % {"what": what, "source": figures.source})
    rho, citation, provisional = get_instrument(ECR_R).error_correlation
    notes.append(
        _("Correlation of the two dimensions' measurement errors: %(rho)s. %(citation)s.")
        % {"rho": f"{rho:.2f}", "citation": citation}
    )
    return notes


# --- the shared goal ----------------------------------------------------------------------------------


@dataclass
class GoalDay:
    day: object
    a: list[CheckIn]
    b: list[CheckIn]


def goal_days(couple_goal: CoupleGoal, limit: int = 28) -> list[GoalDay]:
    """Both partners' check-ins on the shared goal, one row per day, newest first."""
    checkins = CheckIn.objects.filter(goal__in=[couple_goal.goal_a_id, couple_goal.goal_b_id]).order_by("-date", "-id")
    days: dict = {}
    for c in checkins:
        row = days.setdefault(c.date, GoalDay(c.date, [], []))
        (row.a if c.goal_id == couple_goal.goal_a_id else row.b).append(c)
    return list(days.values())[:limit]
