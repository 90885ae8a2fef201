"""The facts the client home reads with the client's row (clients.home) are the facts each
panel's own selector gives on the other pages, on hand-made histories: the panels render the
same with them as when each panel asks the database itself."""

import datetime as dt

import pytest
from django.test import RequestFactory
from django.utils import timezone

from accounts.localtime import client_today
from assessments import selectors as assessments
from assessments.models import AssessmentRequest, AssessmentSchedule, RequestStatus
from clients.home import CLIENT_HOME_SECTIONS, home_fact_expressions, remember_home_facts, render_sections
from clients.models import Client
from diary import selectors as diary
from relationships import selectors as relationships
from relationships import services as couple
from reminders import selectors as reminders
from reminders.models import Notification
from safety.models import CrisisPrompt
from tests.diary.helpers import entry
from tests.relationships.helpers import add_couple_scores, make_couple

pytestmark = pytest.mark.django_db


def _with_facts(client) -> Client:
    return Client.objects.select_related("user").annotate(**home_fact_expressions(client.user)).get(pk=client.pk)


def _panels(client, *, facts: bool) -> list[dict]:
    request = RequestFactory().get("/me/")
    request.user = client.user
    if facts:
        client = _with_facts(client)
        remember_home_facts(request, client)
    return render_sections(CLIENT_HOME_SECTIONS, request, client)


def _assert_facts_agree(client) -> None:
    row = _with_facts(client)
    today = client_today(client)
    links = relationships.open_links_of(client)
    assert row.home_fact_diary_written_today == diary.written_on(client, today)
    assert row.home_fact_unread_notifications == reminders.unread_count(client.user)
    assert row.home_fact_crisis_prompt_pending == CrisisPrompt.objects.filter(client=client, shown_at=None).exists()
    assert row.home_fact_couple_open == bool(links)
    assert row.home_fact_couple_waiting == any(not link.consented(client) for link in links)
    assert row.home_fact_relationship_map == relationships.has_relationship_scores(client)
    assert row.home_fact_questionnaires_due == assessments.open_requests_due(client, today).count()
    open_due = row.home_fact_earliest_open_request
    assert assessments.next_questionnaire_date(client, today=today, open_due=open_due) == (
        assessments.next_questionnaire_date(client, today=today)
    )
    assert _panels(client, facts=True) == _panels(client, facts=False)


def test_facts_agree_with_each_panel_for_a_new_client(world):
    _assert_facts_agree(world.client_a)


def test_facts_agree_with_each_panel_on_a_busy_day(world):
    client, now = world.client_a, timezone.now()
    for hours in (0, 1, 30):  # two today, one yesterday (or earlier)
        entry(client, occurred_at=now - dt.timedelta(hours=hours))
    for read in (None, None, now):
        Notification.objects.create(recipient=client.user, kind="diary", title="t", created_at=now, read_at=read)
    CrisisPrompt.objects.create(client=client, event_key="entry:1", created_at=now)
    CrisisPrompt.objects.create(client=client, event_key="entry:2", created_at=now, shown_at=now)
    today = client_today(client)
    schedule = AssessmentSchedule.objects.create(client=client, instrument="ecr-r", start_date=today)
    for days, status in ((-3, RequestStatus.OPEN), (0, RequestStatus.OPEN), (5, RequestStatus.OPEN), (-9, "missed")):
        AssessmentRequest.objects.create(
            schedule=schedule,
            client=client,
            instrument="ecr-r",
            due_date=today + dt.timedelta(days=days),
            status=status,
        )
    _assert_facts_agree(client)


def test_facts_agree_only_future_questionnaires(world):
    client = world.client_a
    today = client_today(client)
    schedule = AssessmentSchedule.objects.create(client=client, instrument="ecr-r", start_date=today, interval_weeks=4)
    AssessmentRequest.objects.create(
        schedule=schedule, client=client, instrument="ecr-r", due_date=today + dt.timedelta(days=6)
    )
    _assert_facts_agree(client)


def test_facts_agree_for_each_partner_while_a_couple_link_waits_and_after_it_ends(world):
    link, marleen, tim = make_couple(world.practice, world.therapist_a, agreed=False)
    add_couple_scores(marleen, tim)
    _assert_facts_agree(marleen)
    _assert_facts_agree(tim)
    couple.agree(link, tim)  # tim consented, marleen still decides
    _assert_facts_agree(marleen)
    _assert_facts_agree(tim)
    assert _with_facts(marleen).home_fact_couple_waiting and not _with_facts(tim).home_fact_couple_waiting
    couple.agree(link, marleen)
    _assert_facts_agree(marleen)
    couple.end_link(link, by=world.therapist_a)
    _assert_facts_agree(marleen)
    _assert_facts_agree(tim)
