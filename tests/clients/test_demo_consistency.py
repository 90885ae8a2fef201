"""The demo practice tells a possible story: nothing before a client's start, tidy history."""

import datetime as dt
import zoneinfo
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from accounts.models import User
from assessments.models import AssessmentRequest, RequestStatus
from clients.models import Client, ClientStatus, TherapistAssignment

# Dates that are not events in the client's therapy (a birthday, a plan for later).
NOT_EVENTS = {("clients", "client", "date_of_birth")}
PROJECT_APPS = {"accounts", "audit", "clients", "assessments", "diary", "goals", "safety", "reminders", "records"}


@pytest.fixture
def demo(db):
    errors = StringIO()
    call_command("seed_demo", stdout=StringIO(), stderr=errors)
    assert not errors.getvalue()  # an app's demo that fails is skipped, which would hide it here
    return list(Client.objects.select_related("user"))


def path_to_client(model, depth: int = 4) -> str | None:
    """The ORM lookup from `model` to its Client (via foreign keys, or a user's client record)."""
    if model is Client:
        return ""
    if model is User:
        return "client_record"
    if depth == 0:
        return None
    for field in model._meta.get_fields():
        if isinstance(field, models.ForeignKey | models.OneToOneField) and field.concrete:
            rest = path_to_client(field.related_model, depth - 1)
            if rest is not None:
                return f"{field.name}__{rest}" if rest else field.name
    return None


def local_date(value, zone: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value, zoneinfo.ZoneInfo(zone)).date()
    return value


def test_nothing_in_the_demo_is_dated_before_its_clients_start(demo):
    problems = []
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        path = path_to_client(model)
        if path is None:
            continue
        prefix = f"{path}__" if path else ""
        date_fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.DateField)
            and (model._meta.app_label, model._meta.model_name, f.name) not in NOT_EVENTS
        ]
        for name in date_fields:
            rows = model.objects.filter(
                **{f"{name}__isnull": False, f"{prefix}isnull" if path else "pk__isnull": False}
            )
            for value, start, zone, who in rows.values_list(
                name, f"{prefix}start_date", f"{prefix}user__timezone", f"{prefix}display_name"
            ):
                if start is not None and local_date(value, zone) < start:
                    problems.append(f"{model._meta.label}.{name} {local_date(value, zone)} < start {start} ({who})")
    assert not problems, "\n".join(sorted(set(problems))[:400])


def test_no_open_questionnaire_for_a_discharged_client(demo):
    discharged = [c for c in demo if c.status == ClientStatus.DISCHARGED]
    assert discharged
    assert not AssessmentRequest.objects.filter(client__in=discharged, status=RequestStatus.OPEN).exists()


def test_assignment_history_starts_at_the_start_and_runs_in_order(demo):
    reassigned = 0
    for client in demo:
        history = list(TherapistAssignment.objects.filter(client=client).order_by("assigned_at", "pk"))
        assert history, client
        assert local_date(history[0].assigned_at, client.user.timezone) == client.start_date, client
        for earlier, later in zip(history, history[1:], strict=False):
            assert earlier.ended_at is not None and earlier.assigned_at < earlier.ended_at <= later.assigned_at
            assert earlier.therapist_id != later.therapist_id
        assert history[-1].ended_at is None and history[-1].therapist_id == client.therapist_id
        assert history[-1].assigned_at <= timezone.now()
        reassigned += len(history) > 1
    assert reassigned >= 1  # the demo shows what a change of therapist looks like


def test_the_demo_shows_reminders_the_worker_already_delivered(demo):
    from django.utils import translation

    from reminders import kinds
    from reminders.models import Kind, Notification, ReminderOccurrence, State

    sent = ReminderOccurrence.objects.filter(state=State.SENT)
    active = [c for c in demo if c.status == ClientStatus.ACTIVE]
    # Most active clients were reminded in the last week (not all: some wrote every day).
    assert len({o.recipient_id for o in sent} & {c.user_id for c in active}) * 2 >= len(active)
    assert not ReminderOccurrence.objects.filter(slot__gt=timezone.now()).exists()
    paused = [c.user_id for c in demo if c.status == ClientStatus.PAUSED]
    assert not ReminderOccurrence.objects.filter(recipient_id__in=paused).exists()

    notes = Notification.objects.filter(recipient__client_record__in=active)
    assert notes.filter(read_at__isnull=True).exists() and notes.filter(read_at__isnull=False).exists()
    dutch = next(c for c in active if c.user.language == "nl")
    with translation.override("nl"):
        dutch_title = str(kinds.diary_message(None).subject)
    diary_titles = set(notes.filter(recipient=dutch.user, kind=Kind.DIARY).values_list("title", flat=True))
    assert diary_titles == {dutch_title}
