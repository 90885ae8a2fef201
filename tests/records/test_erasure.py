import datetime as dt

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Role
from audit.models import AuditAction, AuditEvent
from clients.models import Client, ClientStatus
from clients.services import record_session
from tests.factories import PASSWORD

from .helpers import logged_in

NAME = "Zoltanna Qwertyvic"
EMAIL = "zoltanna.qwertyvic@example.test"
DIARY = "DIARYMARK-83921 my mother shouted"
COMMENT = "COMMENTMARK-11873"
GOAL = "GOALMARK-55102 call my sister"
GOAL_NOTE = "GOALNOTEMARK-66219"
SESSION_NOTE = "SESSIONMARK-70031"
SAFETY = "SAFETYMARK-30417"
MARKERS = [
    NAME,
    "Zoltanna",
    "Qwertyvic",
    EMAIL,
    "qwertyvic",
    DIARY,
    "DIARYMARK",
    COMMENT,
    GOAL,
    GOAL_NOTE,
    SESSION_NOTE,
]


def text_columns():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() "
                "AND data_type IN ('character varying', 'text', 'jsonb', 'json', 'character')"
            )
            return cursor.fetchall()
        found = []
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                if any(word in (column.type_code or "").lower() for word in ("char", "text", "json")):
                    found.append((table, column.name))
        return found


def find_everywhere(markers: list[str]) -> dict[str, list[str]]:
    """For each marker, the table.column places whose text contains it (case-insensitive)."""
    hits: dict[str, list[str]] = {marker: [] for marker in markers}
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, column in text_columns():
            cast = f"LOWER(CAST({qn(column)} AS TEXT))"
            where = " OR ".join([f"{cast} LIKE %s"] * len(markers))
            cursor.execute(f"SELECT {cast} FROM {qn(table)} WHERE {where}", [f"%{m.lower()}%" for m in markers])
            for (value,) in cursor.fetchall():
                for marker in markers:
                    if marker.lower() in value:
                        hits[marker].append(f"{table}.{column}")
    return hits


def find_anywhere(marker: str) -> list[str]:
    return find_everywhere([marker])[marker]


@pytest.fixture
def marked(world):
    """Client A's record full of unique markers, then discharged."""
    user = world.client_a.user
    user.name, user.email = NAME, EMAIL
    user.save()
    client = world.client_a
    client.display_name = NAME
    client.date_of_birth = dt.date(1990, 2, 3)
    client.status = ClientStatus.DISCHARGED
    client.save()
    Invitation.objects.create(practice=world.practice, email=EMAIL, name=NAME, role=Role.CLIENT, user=user)
    record_session(client, therapist=world.therapist_a, held_on=dt.date(2026, 1, 5), note=SESSION_NOTE)
    from diary.models import Comment, DiaryEntry

    entry = DiaryEntry.objects.create(client=client, what_happened=DIARY, i_need=DIARY, shared=True)
    Comment.objects.create(entry=entry, author=world.therapist_a, body=COMMENT)
    from goals.models import CheckIn, GASRating, Goal

    goal = Goal.objects.create(client=client, title=GOAL, why=GOAL_NOTE)
    CheckIn.objects.create(client=client, goal=goal, date=dt.date(2026, 1, 6), outcome="done", what_happened=GOAL_NOTE)
    GASRating.objects.create(goal=goal, date=dt.date(2026, 1, 7), level=0, note=GOAL_NOTE)
    from safety.models import Alert, SafetyPlan

    SafetyPlan.objects.create(client=client, warning_signs=SAFETY, reasons_to_live=SAFETY)
    Alert.objects.create(client=client, kind=Alert._meta.get_field("kind").choices[0][0], event_key="k1",
                         event_date=dt.date(2026, 1, 8), note=SAFETY)  # fmt: skip
    from django.apps import apps

    now = timezone.now()
    apps.get_model("reminders", "ReminderOccurrence").objects.create(
        recipient=user, kind="diary", slot=now, created_at=now, state="failed", note=f"refused {EMAIL}"
    )
    # The client used the app and staff looked at the record: the trail has rows about them.
    http = HttpClient()
    assert http.login(email=EMAIL, password=PASSWORD)
    http.get(reverse("client_home"))
    logged_in(world.therapist_a).get(reverse("client_detail", kwargs={"pk": client.pk}))
    client.refresh_from_db()
    return client


def _erase(world, client, typed):
    return logged_in(world.admin).post(
        reverse("records:client_erase", kwargs={"pk": client.pk}), {"confirmation": typed}
    )


def test_markers_are_findable_before_erasure(marked):
    # Proves the search below can fail: every planted marker is in the database first.
    found = find_everywhere(MARKERS)
    assert all(found.values()), found


def test_erasure_leaves_nothing_of_the_erased_text_in_any_table(world, marked):
    response = _erase(world, marked, NAME)
    assert response.status_code == 302
    leftovers = find_everywhere(MARKERS)
    assert not any(leftovers.values()), leftovers
    client = Client.objects.select_related("user").get(pk=marked.pk)
    assert client.date_of_birth is None
    assert client.display_name == f"Erased client {client.pk}"
    assert not client.user.is_active and not client.user.has_usable_password()


def test_erasure_ends_the_clients_sessions_and_login(world, marked):
    http = HttpClient()
    assert http.login(email=EMAIL, password=PASSWORD)
    assert http.get(reverse("client_home")).status_code == 200
    _erase(world, marked, NAME)
    response = http.get(reverse("client_home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert not HttpClient().login(email=EMAIL, password=PASSWORD)


def test_the_trail_records_the_erasure_by_id_only(world, marked):
    _erase(world, marked, NAME)
    event = AuditEvent.objects.get(action=AuditAction.ERASE)
    assert (event.actor_id, event.client_id, event.practice_id) == (world.admin.pk, marked.pk, world.practice.pk)
    # Earlier events about the client are still there, untouched.
    assert AuditEvent.objects.filter(client_id=marked.pk, action=AuditAction.VIEW).count() == 2


def test_a_wrong_confirmation_erases_nothing_and_keeps_what_was_typed(world, marked):
    response = _erase(world, marked, "Zoltanna")
    assert response.status_code == 400
    assert b"does not match" in response.content
    assert b'value="Zoltanna"' in response.content
    assert find_anywhere(DIARY)
    assert not AuditEvent.objects.filter(action=AuditAction.ERASE).exists()


def test_an_active_client_cannot_be_erased(world):
    response = _erase(world, world.client_a, world.client_a.display_name)
    assert response.status_code == 400
    assert Client.objects.get(pk=world.client_a.pk).display_name == "Client A"


def test_erasing_twice_changes_nothing_the_second_time(world, marked):
    _erase(world, marked, NAME)
    again = _erase(world, marked, f"Erased client {marked.pk}")
    assert again.status_code == 200 or again.status_code == 400
    assert AuditEvent.objects.filter(action=AuditAction.ERASE).count() == 1


def _scored(world, client):
    from decimal import Decimal

    from assessments.models import Administration, AssessmentRequest, AssessmentSchedule, Score

    schedule = AssessmentSchedule.objects.create(client=client, instrument="ecr-r", start_date="2026-01-01")
    request = AssessmentRequest.objects.create(
        schedule=schedule, client=client, instrument="ecr-r", due_date="2026-01-01"
    )
    administration = Administration.objects.create(
        request=request, client=client, instrument="ecr-r", instrument_version="ecr-r@1"
    )
    Score.objects.create(
        administration=administration, client=client, instrument="ecr-r", submitted_at=timezone.now(),
        anxiety=Decimal("3.2500"), avoidance=Decimal("2.5000"), corner="secure", split_point=Decimal("4.00"),
        instrument_version="ecr-r@1",
    )  # fmt: skip


def test_what_the_law_requires_is_kept_by_client_id_only(world, marked, settings):
    from assessments.models import Score
    from records.models import RetainedRecord

    settings.ERASURE_KEEP = ["assessment_scores"]
    _scored(world, marked)
    _erase(world, marked, NAME)
    assert not Score.objects.filter(client=marked).exists()
    kept = RetainedRecord.objects.get(client_id=marked.pk, kind="assessment_scores")
    assert [(r["anxiety"], r["avoidance"], r["corner"]) for r in kept.rows] == [("3.2500", "2.5000", "secure")]
    assert not any(find_everywhere([NAME, EMAIL]).values())


def test_nothing_is_kept_when_the_retention_setting_is_empty(world, marked, settings):
    from records.models import RetainedRecord

    settings.ERASURE_KEEP = []
    _scored(world, marked)
    _erase(world, marked, NAME)
    assert not RetainedRecord.objects.exists()
