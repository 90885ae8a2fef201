"""Reads of the safety net, filtered by the access policy and the diary's sharing rule."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clients.access import Action, clients_for
from diary.models import DiaryEntry
from diary.selectors import visible_entries

from .models import Alert, AlertKind, AlertStatus, CrisisInfo, SafetyPlan

SHARED_KINDS = (AlertKind.SHARED_LOW_SAFETY, AlertKind.SHARED_ALARMING)


def _still_shared() -> Q:
    """A shared-entry alert is visible only while its entry is shared, like the entry itself;
    a private-distress alert only while the client still allows it (withdrawing consent
    withdraws what it showed)."""
    shared = DiaryEntry.objects.filter(pk=OuterRef("entry_id"), shared=True)
    consent = Q(client__safety_settings__tell_therapist_private_distress=True)
    return (~Q(kind__in=SHARED_KINDS) | Q(Exists(shared))) & (~Q(kind=AlertKind.PRIVATE_DISTRESS) | consent)


def visible_alerts(user, clients=None) -> QuerySet[Alert]:
    allowed = clients_for(user, Action.TREAT)
    if clients is not None:
        allowed = allowed.filter(pk__in=[c.pk for c in clients])
    return Alert.objects.filter(client__in=allowed).filter(_still_shared()).select_related("client")


def open_alerts(user) -> QuerySet[Alert]:
    return visible_alerts(user).filter(status=AlertStatus.OPEN)


def open_visible_alerts() -> QuerySet[Alert]:
    """Every open alert that is still visible to a treating therapist, before the access
    policy narrows it to clients: a building block for counts (the dashboard's caseload)."""
    return Alert.objects.filter(status=AlertStatus.OPEN).filter(_still_shared())


def open_alert_counts(user, clients) -> dict[int, int]:
    """{client_id: open alert count} for a caseload, in one query."""
    rows = visible_alerts(user, clients).filter(status=AlertStatus.OPEN).values("client_id").annotate(n=Count("id"))
    return {row["client_id"]: row["n"] for row in rows}


def escalated_counts(admin) -> list[dict]:
    """Per therapist: how many alerts are open past the practice's limit. Counts, no content."""
    clients = clients_for(admin, Action.MANAGE_RECORD)
    return list(
        Alert.objects.filter(client__in=clients, status=AlertStatus.OPEN, escalated_at__isnull=False)
        .filter(_still_shared())
        .values("therapist_id", "therapist__name", "therapist__email")
        .annotate(n=Count("id"))
        .order_by("-n")
    )


CAUSE_LABELS = {
    AlertKind.SHARED_LOW_SAFETY: _("Open the shared entry"),
    AlertKind.SHARED_ALARMING: _("Open the shared entry"),
    AlertKind.DETERIORATION: _("Open the questionnaire result"),
    AlertKind.ASSESSMENT_OVERDUE: _("Open the questionnaires"),
    AlertKind.DIARY_SILENCE: _("Open the shared diary"),
}


def _event_id(alert: Alert) -> int | None:
    """The number in "score:7"; None for keys that name no row."""
    _prefix, _sep, ident = alert.event_key.partition(":")
    return int(ident) if ident.isdigit() else None


def with_causes(user, alerts) -> list[Alert]:
    """The alerts, each with `cause_url` and `cause_label`: a link to what raised it, and only
    to what this user may open — a shared entry while it is shared, the questionnaire result of
    a client they treat. A private-distress alert links nowhere: the entry is not theirs to read."""
    from assessments.models import Score

    alerts = list(alerts)
    entry_ids = {a.entry_id for a in alerts if a.kind in SHARED_KINDS and a.entry_id}
    entries = set(visible_entries(user).filter(pk__in=entry_ids).values_list("pk", flat=True)) if entry_ids else set()
    score_ids = {_event_id(a) for a in alerts if a.kind == AlertKind.DETERIORATION} - {None}
    scores = dict(
        Score.objects.filter(pk__in=score_ids, client__in=clients_for(user, Action.TREAT)).values_list(
            "pk", "administration_id"
        )
        if score_ids
        else ()
    )
    for alert in alerts:
        alert.cause_url = _cause_url(alert, entries, scores)
        alert.cause_label = CAUSE_LABELS.get(alert.kind, "") if alert.cause_url else ""
    return alerts


def _cause_url(alert: Alert, entries: set[int], scores: dict[int, int]) -> str:
    if alert.kind in SHARED_KINDS:
        return reverse("diary:entry_detail", args=[alert.entry_id]) if alert.entry_id in entries else ""
    if alert.kind == AlertKind.DETERIORATION:
        administration = scores.get(_event_id(alert))
        if administration is None:
            return ""
        return reverse("assessments:administration_detail", args=[alert.client_id, administration])
    if alert.kind == AlertKind.ASSESSMENT_OVERDUE:
        return reverse("assessments:client_history", args=[alert.client_id])
    if alert.kind == AlertKind.DIARY_SILENCE:
        return reverse("diary:client_entries", args=[alert.client_id])
    return ""


def crisis_info(practice_id: int) -> CrisisInfo | None:
    return CrisisInfo.objects.filter(practice_id=practice_id).first()


def plan_for(client) -> SafetyPlan:
    return SafetyPlan.objects.filter(client=client).first() or SafetyPlan(client=client)
