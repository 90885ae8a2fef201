"""Questionnaire-due and goal check-in reminders, read through the domain apps' selectors."""

from datetime import date, time

import pytest
from django.core import mail

from assessments.models import AssessmentRequest, AssessmentSchedule, RequestStatus
from goals.models import CheckIn, Goal
from reminders.models import Kind, ReminderOccurrence, ReminderPreference
from reminders.services import send_occurrence, sweep

from .helpers import client_with_diary, sweep_and_send, utc

pytestmark = pytest.mark.django_db


def only(user, kind, at=time(10, 0)):
    ReminderPreference.objects.filter(user=user).update(enabled=False)
    ReminderPreference.objects.filter(user=user, kind=kind).update(enabled=True, local_time=at)


def request_due(client, day: date) -> AssessmentRequest:
    schedule = AssessmentSchedule.objects.create(client=client, instrument="ecr-r", start_date=day)
    return AssessmentRequest.objects.create(schedule=schedule, client=client, instrument="ecr-r", due_date=day)


def test_questionnaire_reminder_on_the_due_day_and_one_follow_up(settings):
    settings.REMINDERS_ASSESSMENT_FOLLOWUP_DAYS = 3
    client = client_with_diary()
    only(client.user, Kind.ASSESSMENT_DUE, time(10, 0))
    req = request_due(client, date(2026, 6, 10))
    for day in range(8, 16):  # a week of 10:00 Amsterdam = 08:00 UTC
        sweep_and_send(utc(f"2026-06-{day:02d}T08:00"))
    keys = list(ReminderOccurrence.objects.order_by("slot").values_list("target_key", "slot"))
    assert keys == [
        (f"assessment:{req.pk}:due", utc("2026-06-10T08:00")),
        (f"assessment:{req.pk}:followup", utc("2026-06-13T08:00")),
    ]
    assert [m.subject for m in mail.outbox] == [
        "A questionnaire is waiting for you",
        "Reminder: a questionnaire is still waiting for you",
    ]
    assert f"/assessments/requests/{req.pk}/" in mail.outbox[0].body
    assert "ECR" not in mail.outbox[0].body and "ecr" not in mail.outbox[0].subject.lower()


def test_no_follow_up_after_completion(settings):
    settings.REMINDERS_ASSESSMENT_FOLLOWUP_DAYS = 2
    client = client_with_diary()
    only(client.user, Kind.ASSESSMENT_DUE)
    req = request_due(client, date(2026, 6, 10))
    sweep_and_send(utc("2026-06-10T08:00"))
    AssessmentRequest.objects.filter(pk=req.pk).update(status=RequestStatus.SUBMITTED)
    sweep_and_send(utc("2026-06-12T08:00"))
    assert len(mail.outbox) == 1


def test_completed_between_sweep_and_send_is_skipped():
    client = client_with_diary()
    only(client.user, Kind.ASSESSMENT_DUE)
    req = request_due(client, date(2026, 6, 10))
    (pk,) = sweep(utc("2026-06-10T08:00"), dispatch=lambda ids: None).enqueued
    AssessmentRequest.objects.filter(pk=req.pk).update(status=RequestStatus.SUBMITTED)
    assert send_occurrence(pk, utc("2026-06-10T08:00:30")) == "skipped"
    assert mail.outbox == []


def test_goal_check_in_follows_the_target_frequency():
    client = client_with_diary()
    only(client.user, Kind.GOAL_CHECKIN, time(18, 0))
    Goal.objects.create(client=client, title="Ask for help", target_per_week=7, start_date=date(2026, 6, 1))
    weekly = client_with_diary()
    only(weekly.user, Kind.GOAL_CHECKIN, time(18, 0))
    Goal.objects.create(client=weekly, title="Call my sister", target_per_week=1, start_date=date(2026, 6, 1))
    for day in range(8, 15):  # Mon 8 June … Sun 14 June, 18:00 Amsterdam
        sweep_and_send(utc(f"2026-06-{day:02d}T16:00"))
    daily_slots = ReminderOccurrence.objects.filter(recipient=client.user).count()
    weekly_slots = list(ReminderOccurrence.objects.filter(recipient=weekly.user).values_list("slot", flat=True))
    assert daily_slots == 7
    assert weekly_slots == [utc("2026-06-14T16:00")]  # once a week: only on Sunday if nothing happened yet
    assert mail.outbox[0].subject == "Time to check in on your goals"


def test_no_goal_reminder_on_a_day_with_a_check_in():
    client = client_with_diary()
    only(client.user, Kind.GOAL_CHECKIN, time(18, 0))
    goal = Goal.objects.create(client=client, title="Ask for help", target_per_week=7, start_date=date(2026, 6, 1))
    CheckIn.objects.create(client=client, goal=goal, date=date(2026, 6, 10), outcome="done")
    sweep_and_send(utc("2026-06-10T16:00"))
    assert mail.outbox == []


def test_no_diary_prompt_when_the_client_already_wrote_today():
    from diary.models import DiaryEntry

    wrote = client_with_diary(at=time(20, 0))
    DiaryEntry.objects.create(client=wrote, occurred_at=utc("2026-06-10T09:00"), what_happened="x")
    silent = client_with_diary(at=time(20, 0))
    sweep_and_send(utc("2026-06-10T18:00"))
    assert [m.to for m in mail.outbox] == [[silent.user.email]]


def test_therapist_digest_has_counts_and_a_link_but_no_client_detail():
    client = client_with_diary()
    ReminderPreference.objects.filter(user=client.user).update(enabled=False)
    therapist = client.therapist
    ReminderPreference.objects.filter(user=therapist).update(enabled=True, days="1234567")  # daily
    request_due(client, date(2026, 6, 1))  # overdue by the 10th
    sweep_and_send(utc("2026-06-10T06:00"))  # 08:00 Amsterdam
    (email,) = mail.outbox
    assert email.to == [therapist.email]
    assert "Overdue questionnaires: 1" in email.body
    assert "Clients without a shared diary entry for 7 days: 1" in email.body
    assert client.display_name not in email.body and client.user.email not in email.body
    assert "ecr" not in email.body.lower()
