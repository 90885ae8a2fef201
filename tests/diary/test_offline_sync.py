"""The endpoint the phone's offline queue sends diary entries to: checked like the diary forms,
stored once per idempotency key, with the time the entry was written."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from diary.models import DiaryEntry
from diary.services import set_share_new_entries

pytestmark = pytest.mark.django_db
URL = "/diary/sync/"


def _entry(**overrides) -> dict:
    written = timezone.localtime() - dt.timedelta(hours=3)
    data = {
        "kind": "quick",
        "idempotency_key": str(uuid.uuid4()),
        "emotion": "lonely",
        "intensity": "6",
        "occurred_at": written.strftime("%Y-%m-%dT%H:%M"),
        "what_happened": "On the train",
    }
    return {**data, **overrides}


@pytest.fixture
def as_client(client, world):
    client.force_login(world.client_a.user)
    return client


def test_the_url_is_the_one_the_queue_posts_to():
    assert reverse("diary:sync") == URL


def test_sending_the_same_entry_twice_stores_it_once_with_its_own_time(as_client, world):
    data = _entry()
    first = as_client.post(URL, data)
    again = as_client.post(URL, data)

    assert (first.status_code, first.json()["status"]) == (201, "created")
    assert (again.status_code, again.json()["status"]) == (200, "duplicate")
    entry = DiaryEntry.objects.get()
    assert first.json()["url"] == again.json()["url"] == reverse("diary:entry_detail", args=[entry.pk])
    assert timezone.localtime(entry.occurred_at).strftime("%Y-%m-%dT%H:%M") == data["occurred_at"]
    assert entry.client == world.client_a and entry.shared is False


def test_the_sharing_choice_sent_is_the_one_stored(as_client, world):
    set_share_new_entries(world.client_a, True)
    as_client.post(URL, _entry(shared="on"))
    as_client.post(URL, _entry())  # the box was unticked on the phone: private
    assert sorted(DiaryEntry.objects.values_list("shared", flat=True)) == [False, True]


def test_a_full_entry_keeps_several_feelings(as_client):
    data = _entry(kind="full", emotion=["lonely", "calm"], intensity_lonely="7", intensity_calm="2")
    assert as_client.post(URL, data).status_code == 201
    entry = DiaryEntry.objects.get()
    assert sorted(entry.emotions.values_list("emotion", "intensity")) == [("calm", 2), ("lonely", 7)]


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (timezone.localtime() + dt.timedelta(hours=2), "Dit tijdstip ligt in de toekomst"),
        (dt.datetime(1999, 12, 31, 12, 0), "2000"),
    ],
)
def test_a_time_out_of_bounds_is_refused_in_the_clients_language(as_client, world, when, message):
    world.client_a.user.language = "nl"
    world.client_a.user.save(update_fields=["language"])
    response = as_client.post(URL, _entry(occurred_at=when.strftime("%Y-%m-%dT%H:%M")))
    assert response.status_code == 400
    assert any(message in error for error in response.json()["errors"]), response.json()
    assert not DiaryEntry.objects.exists()


def test_an_entry_without_its_idempotency_key_is_refused(as_client):
    assert as_client.post(URL, _entry(idempotency_key="")).status_code == 400
    assert as_client.post(URL, _entry(kind="other")).status_code == 400
    assert not DiaryEntry.objects.exists()


def test_asking_says_who_is_logged_in_and_is_never_cached(as_client, world):
    response = as_client.get(URL)
    assert response.json()["user"] == str(world.client_a.user.pk)
    assert response.json()["csrf"]
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_only_a_client_may_send(client, world):
    client.force_login(world.therapist_a)
    assert client.post(URL, _entry()).status_code == 403
    assert not DiaryEntry.objects.exists()
