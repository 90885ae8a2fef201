"""Alert rules and writes of the safety net. Every evaluation is idempotent per event.

Rules (thresholds from PracticeSafetySettings, overridden per client):
- a diary entry is *in distress* when felt safety ≤ low_safety_max, or an emotion the practice
  marks as alarming has intensity ≥ alarming_intensity_min;
- the client is shown the crisis resources after saving such an entry (shared or not), and
  after an assessment with a reliable deterioration;
- the therapist is alerted about a shared entry in distress; about a private one only when the
  client opted in, and then without content (kind + date only);
- reliable deterioration: assessments.change.reliable_deterioration (the caseload flag's rule);
- an assessment overdue by more than overdue_days;
- no *shared* diary entry for silence_days after the client had shared at least
  daily_writer_min_entries in the 7 days before. Only shared entries count, so a private
  diary never reveals that it exists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, Max, OuterRef
from django.utils import timezone

from accounts.localtime import day_of
from audit.recorder import record
from clients.home import RowsOf, rows_as
from clients.models import Client, ClientStatus

from .models import (
    Alert,
    AlertKind,
    AlertStatus,
    ClientSafetySettings,
    CrisisInfo,
    CrisisPrompt,
    PracticeSafetySettings,
    SafetyPlan,
)
from .signals import alert_created


@dataclass(frozen=True)
class Thresholds:
    alerts_enabled: bool
    low_safety_max: int
    alarming_intensity_min: int
    alarming_emotions: frozenset[str]
    alert_on_deterioration: bool
    overdue_days: int
    silence_days: int
    daily_writer_min_entries: int
    escalate_after_hours: int
    tell_private: bool


def practice_settings(practice_id: int) -> PracticeSafetySettings:
    found, _ = PracticeSafetySettings.objects.get_or_create(practice_id=practice_id)
    return found


def client_settings(client: Client) -> ClientSafetySettings:
    found, _ = ClientSafetySettings.objects.get_or_create(client=client)
    return found


def update_settings(row: PracticeSafetySettings | ClientSafetySettings, **fields):
    """Write a practice's or a client's safety-net settings (the form lists which fields)."""
    for name, value in fields.items():
        setattr(row, name, value)
    row.save(update_fields=[*fields, "updated_at"])
    return row


def save_crisis_info(practice_id: int, *, by, **fields) -> CrisisInfo:
    info, _ = CrisisInfo.objects.update_or_create(practice_id=practice_id, defaults={**fields, "updated_by": by})
    return info


def _fields(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


def client_settings_fact():
    """The client's settings row (or none) as an expression over the client's row: a diary
    save reads it with that row (clients.home.register_client_write_fact)."""
    return RowsOf(ClientSafetySettings.objects.filter(client=OuterRef("pk")), *_fields(ClientSafetySettings))


def practice_settings_fact():
    return RowsOf(
        PracticeSafetySettings.objects.filter(practice=OuterRef("practice_id")), *_fields(PracticeSafetySettings)
    )


def _settings_rows(client: Client) -> tuple[PracticeSafetySettings, ClientSafetySettings | None]:
    """The practice's and the client's settings rows in one query (the client's may not
    exist), or none when the caller read the client's row with them (write_row)."""
    if hasattr(client, "write_fact_safety_practice"):
        own = rows_as(ClientSafetySettings, client.write_fact_safety_client)
        practice = rows_as(PracticeSafetySettings, client.write_fact_safety_practice)
        return (practice[0] if practice else practice_settings(client.practice_id)), (own[0] if own else None)
    row = Client.objects.select_related("safety_settings", "practice__safety_settings").get(pk=client.pk)
    p = getattr(row.practice, "safety_settings", None) or practice_settings(client.practice_id)
    return p, getattr(row, "safety_settings", None)


def thresholds_for(client: Client) -> Thresholds:
    p, c = _settings_rows(client)

    def pick(name: str) -> int:
        value = getattr(c, name, None) if c else None
        return value if value is not None else getattr(p, name)

    return Thresholds(
        alerts_enabled=c.alerts_enabled if c else True,
        low_safety_max=pick("low_safety_max"),
        alarming_intensity_min=pick("alarming_intensity_min"),
        alarming_emotions=frozenset(p.alarming_emotions or []),
        alert_on_deterioration=p.alert_on_deterioration,
        overdue_days=p.overdue_days,
        silence_days=pick("silence_days"),
        daily_writer_min_entries=p.daily_writer_min_entries,
        escalate_after_hours=p.escalate_after_hours,
        tell_private=c.tell_therapist_private_distress if c else False,
    )


def distress_reasons(felt_safety: int | None, emotions: list[tuple[str, int]], th: Thresholds) -> list[str]:
    """Pure rule: why an entry counts as distress ("low_safety", "alarming"), if it does."""
    reasons = []
    if felt_safety is not None and felt_safety <= th.low_safety_max:
        reasons.append("low_safety")
    if any(name in th.alarming_emotions and intensity >= th.alarming_intensity_min for name, intensity in emotions):
        reasons.append("alarming")
    return reasons


def _create_alert(client: Client, *, kind: str, event_key: str, event_date: dt.date, entry_id=None) -> Alert | None:
    """Insert the alert for this event unless one exists; returns it only when new."""
    if client.therapist_id is None:
        return None
    try:
        with transaction.atomic():
            alert, created = Alert.objects.get_or_create(
                client=client,
                event_key=event_key,
                defaults={
                    "kind": kind,
                    "event_date": event_date,
                    "therapist_id": client.therapist_id,
                    "entry_id": entry_id,
                },
            )
    except IntegrityError:  # a concurrent evaluation of the same event won the race
        return None
    if created:
        _record_audit(client, "change", "safety_alert")
        transaction.on_commit(lambda: alert_created.send(sender=Alert, alert=alert))
    return alert if created else None


def _record_audit(client: Client, action: str, kind: str, user=None) -> None:
    # Alerts are created by tasks (no request): the event names no actor then. The kind is
    # deliberately neutral: practice admins read the audit trail, and the alert's kind (e.g.
    # "a private entry met the threshold") is clinical detail they must not see.
    record(action, actor=user, client_id=client.pk, practice_id=client.practice_id, kind=kind)


def _entry_emotions(entry) -> list[tuple[str, int]]:
    return [(e.emotion, e.intensity) for e in entry.emotions.all()]


def is_distress(entry) -> bool:
    """Whether evaluate_entry has anything to do for this entry (the same rule and thresholds)."""
    return bool(distress_reasons(entry.felt_safety, _entry_emotions(entry), thresholds_for(entry.client)))


def evaluate_entry(entry, *, prompt_client: bool = False) -> Alert | None:
    """Apply the diary rules to one entry. Safe to call any number of times."""
    client = entry.client
    th = thresholds_for(client)
    reasons = distress_reasons(entry.felt_safety, _entry_emotions(entry), th)
    if not reasons:
        return None
    key = f"entry:{entry.pk}"
    if prompt_client:
        CrisisPrompt.objects.get_or_create(client=client, event_key=key)
    if not th.alerts_enabled:
        return None
    day = day_of(client.user, entry.occurred_at)
    if entry.shared:
        kind = AlertKind.SHARED_LOW_SAFETY if "low_safety" in reasons else AlertKind.SHARED_ALARMING
    elif th.tell_private:
        kind = AlertKind.PRIVATE_DISTRESS
    else:
        return None
    return _create_alert(client, kind=kind, event_key=key, event_date=day, entry_id=entry.pk)


def evaluate_score(score) -> Alert | None:
    """A reliable deterioration in this score: crisis resources for the client, alert for the therapist."""
    from assessments.selectors import history_for_client

    client = score.client
    row = next((r for r in history_for_client(client) if r.score.pk == score.pk), None)
    if row is None or not row.deterioration:
        return None
    key = f"score:{score.pk}"
    CrisisPrompt.objects.get_or_create(client=client, event_key=key)
    th = thresholds_for(client)
    if not (th.alerts_enabled and th.alert_on_deterioration):
        return None
    day = day_of(client.user, score.submitted_at)
    return _create_alert(client, kind=AlertKind.DETERIORATION, event_key=key, event_date=day)


def scan(now: dt.datetime | None = None) -> int:
    """Periodic rules (overdue, silence) and entries shared after they were saved. Idempotent."""
    from assessments.selectors import overdue_requests
    from diary.models import DiaryEntry

    now = now or timezone.now()
    created = 0
    active = Client.objects.filter(status=ClientStatus.ACTIVE, therapist__isnull=False).select_related("user")
    clients = {c.pk: c for c in active}
    if not clients:
        return 0
    th_cache: dict[int, Thresholds] = {}

    def th(client: Client) -> Thresholds:
        if client.pk not in th_cache:
            th_cache[client.pk] = thresholds_for(client)
        return th_cache[client.pk]

    # Entries shared in the last day: sharing happens outside the save signal.
    recent = (
        DiaryEntry.objects.filter(client_id__in=clients, shared=True, shared_at__gte=now - dt.timedelta(days=1))
        .select_related("client", "client__user")
        .prefetch_related("emotions")
    )
    for entry in recent:
        created += bool(evaluate_entry(entry))

    # Overdue counts in each client's own calendar (the day their diary and goals call today);
    # no zone is a whole day ahead of UTC, so the query looks one day past UTC's date.
    for req in overdue_requests(clients.values(), today=now.date() + dt.timedelta(days=1)):
        client = clients[req.client_id]
        t = th(client)
        if t.alerts_enabled and (day_of(client.user, now) - req.due_date).days > t.overdue_days:
            created += bool(
                _create_alert(
                    client, kind=AlertKind.ASSESSMENT_OVERDUE, event_key=f"request:{req.pk}", event_date=req.due_date
                )
            )

    week = dt.timedelta(days=7)
    stats = (
        DiaryEntry.objects.filter(client_id__in=clients, shared=True)
        .values("client_id")
        .annotate(last=Max("occurred_at"))
    )
    for row in stats:
        client = clients[row["client_id"]]
        t = th(client)
        last = row["last"]
        if not t.alerts_enabled or now - last < dt.timedelta(days=t.silence_days):
            continue
        before = DiaryEntry.objects.filter(
            client=client, shared=True, occurred_at__gt=last - week, occurred_at__lte=last
        ).aggregate(n=Count("id"), days=Count("occurred_at__date", distinct=True))
        if before["n"] >= t.daily_writer_min_entries:
            last_day = day_of(client.user, last)
            created += bool(
                _create_alert(
                    client,
                    kind=AlertKind.DIARY_SILENCE,
                    event_key=f"silence:{last_day.isoformat()}",
                    event_date=last_day,
                )
            )
    return created


def acknowledge(alert: Alert, *, by, status: str, note: str = "") -> Alert:
    if status not in (AlertStatus.SEEN, AlertStatus.ACTED):
        raise ValueError(status)
    with transaction.atomic():
        alert = Alert.objects.select_for_update().get(pk=alert.pk)
        alert.status = status
        alert.note = note
        alert.acknowledged_by = by
        alert.acknowledged_at = timezone.now()
        alert.save(update_fields=["status", "note", "acknowledged_by", "acknowledged_at"])
    _record_audit(alert.client, "change", "safety_alert", user=by)
    return alert


def escalate(now: dt.datetime | None = None) -> int:
    """Mark alerts left open past the practice's limit; admins then see them as a count."""
    now = now or timezone.now()
    count = 0
    open_alerts = Alert.objects.filter(status=AlertStatus.OPEN, escalated_at__isnull=True).select_related(
        "client__practice"
    )
    limits = {s.practice_id: s.escalate_after_hours for s in PracticeSafetySettings.objects.all()}
    for alert in open_alerts:
        hours = limits.get(alert.client.practice_id, 48)
        if alert.created_at <= now - dt.timedelta(hours=hours):
            count += Alert.objects.filter(pk=alert.pk, escalated_at__isnull=True).update(escalated_at=now)
    return count


class StalePlan(Exception):
    """Someone else saved the plan since this form was opened."""


def save_plan(client: Client, data: dict, *, version: int, by) -> SafetyPlan:
    with transaction.atomic():
        plan, _ = SafetyPlan.objects.select_for_update().get_or_create(client=client)
        if plan.version != version:
            raise StalePlan
        for field, value in data.items():
            setattr(plan, field, value)
        plan.version += 1
        plan.updated_by = by
        plan.save()
    _record_audit(client, "change", "safety_plan", user=by)
    return plan


# The banner belongs to the moment right after the entry or questionnaire that caused it:
# the redirect after that POST shows it. A prompt nobody saw in this window (the phone was
# put away) never greets the client later, out of context.
PROMPT_WINDOW = dt.timedelta(minutes=5)


def _pending(**client):
    return CrisisPrompt.objects.filter(shown_at__isnull=True, **client)


def take_prompt(client: Client, now: dt.datetime | None = None) -> CrisisPrompt | None:
    """The newest crisis prompt of the last few minutes, marked shown so it appears once."""
    return _take(_pending(client=client), now)


def take_prompt_of_user(user, now: dt.datetime | None = None) -> CrisisPrompt | None:
    """take_prompt for the logged-in client's own record, without loading the record first."""
    return _take(_pending(client__user=user), now)


def prompt_pending_fact(user):
    """Whether take_prompt has anything to take, as an expression over the client's row: the
    client home reads it with that row (clients.home) and skips the read when there is none."""
    return Exists(_pending(client=OuterRef("pk")))


def _take(pending, now: dt.datetime | None) -> CrisisPrompt | None:
    # Every client page asks; nearly always nothing is pending, and then one read is all.
    now = now or timezone.now()
    found = list(pending.order_by("-created_at", "-id"))
    if not found:
        return None
    # One banner settles every pending prompt (older ones expire unseen); 0 rows means a
    # concurrent request showed it.
    shown = CrisisPrompt.objects.filter(pk__in=[p.pk for p in found], shown_at__isnull=True).update(shown_at=now)
    prompt = found[0] if found[0].created_at >= now - PROMPT_WINDOW else None
    return prompt if prompt is not None and shown else None


def settle_prompts(client_id: int, now: dt.datetime | None = None) -> int:
    """A new login starts clean: prompts still pending from before are never shown."""
    return CrisisPrompt.objects.filter(client_id=client_id, shown_at__isnull=True).update(
        shown_at=now or timezone.now()
    )
