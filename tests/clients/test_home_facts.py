"""The facts the client home reads with the client's row (clients.home) are the facts each
panel's own selector gives on the other pages, on hand-made histories: the panels render the
same with them as when each panel asks the database itself."""

import datetime as dt

import pytest
from django.test import RequestFactory
from django.utils import timezone

from accounts.localtime import client_today
from appointments import selectors as appointments
from appointments.models import Mode, PlannedSession
from assessments import selectors as assessments
from assessments.models import AssessmentRequest, AssessmentSchedule, RequestStatus
from clients.home import CLIENT_HOME_SECTIONS, home_fact_expressions, home_row, remember_home_facts, render_sections
from clients.models import Client
from diary import selectors as diary
from goals import selectors as goals
from goals.models import GoalStatus, Outcome
from learn import selectors as learn
from learn.models import CardChoice, PracticeCard
from relationships import selectors as relationships
from relationships import services as couple
from reminders import selectors as reminders
from reminders.models import Notification
from safety.models import CrisisPrompt
from tests import seeding
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
    _assert_list_facts_agree(client, row, today)
    assert _panels(client, facts=True) == _panels(client, facts=False)


def _goal_view(goals) -> list[tuple]:
    return [(g.pk, g.title, g.attempts_this_week, g.target_per_week) for g in goals]


def _session_view(session) -> tuple | None:
    return session and (session.pk, session.starts_at, session.ends_at, session.mode, session.link)


def _cards_view(cards: tuple) -> list[list[tuple]]:
    return [[(card.slug, card.title("en"), card.title("nl"), card.body("en")) for card in part] for part in cards]


def _assert_list_facts_agree(client, row, today) -> None:
    # The panels' short lists, read with the client's row (clients.home.RowsOf), are each
    # selector's own result.
    assert _goal_view(goals.due_from_fact(row.home_fact_goals_due)) == _goal_view(goals.due_this_week(client))
    assert _session_view(appointments.next_session(client, rows=row.home_fact_next_sessions)) == _session_view(
        appointments.next_session(client)
    )
    assert _cards_view(learn.cards_for_client(client, row.home_fact_learn_own_cards, row.home_fact_learn_chosen)) == (
        _cards_view(learn.cards_for_client(client))
    )
    schedules = row.home_fact_questionnaire_schedules
    assert assessments.next_questionnaire_date(client, today=today, open_due=None, schedules=schedules) == (
        assessments.next_questionnaire_date(client, today=today, open_due=None)
    )


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


def test_list_facts_agree_on_a_long_history(world):
    """Goals met, not met and paused over two years; sessions ended, running, cancelled and
    to come; the practice's own cards and a therapist's choice out of order (one gone);
    schedules recurring, ended, cancelled and one-off."""
    client, now = world.client_a, timezone.now()
    today = client_today(client)
    met = seeding.add_goal(client, "Met", target=1, start=today - dt.timedelta(days=700))
    open_goal = seeding.add_goal(client, "Open", target=3, start=today - dt.timedelta(days=700))
    seeding.add_goal(client, "Newer", target=2, start=today - dt.timedelta(days=3))
    paused = seeding.add_goal(client, "Paused", target=5, start=today - dt.timedelta(days=30))
    paused.status = GoalStatus.PAUSED
    paused.save()
    for day in range(0, 700, 3):
        seeding.add_checkin(open_goal, today - dt.timedelta(days=day), Outcome.DONE)
    seeding.add_checkin(open_goal, today, Outcome.NOT_YET)
    seeding.add_checkin(met, today, Outcome.PARTLY)
    for hours, minutes, status in (
        (-30, 50, "planned"),
        (-0.5, 50, "planned"),
        (2, 50, "cancelled"),
        (50, 90, "planned"),
    ):
        PlannedSession.objects.create(
            client=client,
            therapist=world.therapist_a,
            starts_at=now + dt.timedelta(hours=hours),
            minutes=minutes,
            mode=Mode.ONLINE,
            link="https://meet.example/x",
            status=status,
        )
    for slug, order in (("our-first", 1), ("our-later", 900)):
        PracticeCard.objects.create(
            practice=client.practice,
            slug=slug,
            order=order,
            title_en=f"{slug} en",
            title_nl=f"{slug} nl",
            body_en="body",
            body_nl="tekst",
            sources="A source\n\nAnother",
        )
    for position, slug in ((3, "our-later"), (1, "gone-card"), (2, learn.cards_for_practice(None)[2].slug)):
        CardChoice.objects.create(client=client, slug=slug, position=position)
    for start, weeks, end, cancelled in (
        (today - dt.timedelta(days=300), 6, None, None),
        (today - dt.timedelta(days=100), 2, today - dt.timedelta(days=10), None),
        (today - dt.timedelta(days=50), 1, None, now),
        (today - dt.timedelta(days=20), None, None, None),
        (today - dt.timedelta(days=30), 4, None, None),
    ):
        schedule = AssessmentSchedule.objects.create(
            client=client,
            instrument="ecr-r",
            start_date=start,
            interval_weeks=weeks,
            end_date=end,
            cancelled_at=cancelled,
        )
        AssessmentRequest.objects.create(
            schedule=schedule, client=client, instrument="ecr-r", due_date=start, status=RequestStatus.SUBMITTED
        )
    _assert_facts_agree(client)
    row = _with_facts(client)
    assert [g.title for g in goals.due_from_fact(row.home_fact_goals_due)] == ["Newer", "Open"]
    assert appointments.next_session(client, rows=row.home_fact_next_sessions).starts_at < now


def _facts_of(row) -> dict:
    return {name: value for name, value in vars(row).items() if name.startswith("home_fact_")}


def test_the_home_row_compiled_once_reads_each_clients_facts_at_their_own_today(world):
    """clients.home.home_row runs one statement compiled once per connection with each
    client's moment (their today, its bounds, the sessions window): the same facts as
    building the query for that client, for clients a day apart on the calendar."""
    now = timezone.now()
    for client, zone in ((world.client_a, "Pacific/Kiritimati"), (world.client_b, "Pacific/Pago_Pago")):
        client.user.timezone = zone
        client.user.save()
        for hours in (0, 9, 15, 30):
            entry(client, occurred_at=now - dt.timedelta(hours=hours))
        goal = seeding.add_goal(client, "Call", target=3, start=client_today(client) - dt.timedelta(days=20))
        seeding.add_checkin(goal, client_today(client))
        seeding.add_checkin(goal, client_today(client) - dt.timedelta(days=7))
        PlannedSession.objects.create(
            client=client, therapist=client.therapist, starts_at=now - dt.timedelta(minutes=20), minutes=50
        )
    home_row(world.client_a.user)  # compiled here, with client A's values
    for client in (world.client_a, world.client_b):
        row, built = home_row(client.user), _with_facts(client)
        assert row.pk == client.pk
        assert _facts_of(row) == _facts_of(built)
        assert str(row.therapist) == str(client.therapist)
        _assert_facts_agree(client)
    # UTC+14 and UTC-11: never the same date, so the second read ran with other values.
    assert client_today(world.client_a) != client_today(world.client_b)
