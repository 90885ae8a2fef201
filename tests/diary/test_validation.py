"""Bad input gets a clear (translated) message and the form keeps everything typed."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from diary.models import DiaryEntry

from .helpers import browser

pytestmark = pytest.mark.django_db


def quick(http, **data):
    return http.post(reverse("diary:quick_entry"), data)


def now_input(delta=dt.timedelta()):
    return timezone.localtime(timezone.now() + delta).strftime("%Y-%m-%dT%H:%M")


def test_quick_entry_without_emotion_explains_and_keeps_text(world):
    http = browser(world.client_a.user)
    response = quick(http, intensity="6", occurred_at=now_input(), what_happened="KEPT-TEXT about my partner")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose the feeling that fits best." in body
    assert "KEPT-TEXT about my partner" in body
    assert not DiaryEntry.objects.exists()


@pytest.mark.parametrize("value", ["11", "-1", "many"])
def test_quick_entry_intensity_outside_0_10_is_refused(world, value):
    response = quick(browser(world.client_a.user), emotion="sad", intensity=value, occurred_at=now_input())
    assert response.status_code == 400
    assert "Intensity must be a whole number from 0 to 10." in response.content.decode()
    assert not DiaryEntry.objects.exists()


def test_occurred_at_in_the_future_is_refused_beyond_tolerance(world):
    http = browser(world.client_a.user)
    response = quick(http, emotion="sad", intensity="4", occurred_at=now_input(dt.timedelta(hours=2)))
    assert response.status_code == 400
    assert "This time is in the future." in response.content.decode()
    ok = quick(http, emotion="sad", intensity="4", occurred_at=now_input(dt.timedelta(minutes=2)))
    assert ok.status_code == 302


def test_felt_safety_outside_0_10_is_refused(world):
    response = quick(
        browser(world.client_a.user), emotion="calm", intensity="3", occurred_at=now_input(), felt_safety="12"
    )
    assert response.status_code == 400
    assert "Felt safety must be a whole number from 0 to 10." in response.content.decode()


def test_full_entry_needs_at_least_one_emotion_and_keeps_everything_typed(world):
    http = browser(world.client_a.user)
    data = {
        "occurred_at": now_input(),
        "what_happened": "KEPT-WHAT",
        "i_feel": "KEPT-FEEL",
        "i_need": "KEPT-NEED",
        "reactions": ["withdrew", "talked"],
        "pattern_tags": ["need-for-distance"],
        "felt_safety": "4",
    }
    response = http.post(reverse("diary:entry_new"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose at least one feeling and give it an intensity from 0 to 10." in body
    for typed in ("KEPT-WHAT", "KEPT-FEEL", "KEPT-NEED"):
        assert typed in body
    form = response.context["form"]
    assert form["reactions"].value() == ["withdrew", "talked"]
    assert form["pattern_tags"].value() == ["need-for-distance"]
    assert not DiaryEntry.objects.exists()


def test_full_entry_intensity_error_is_on_that_emotion(world):
    http = browser(world.client_a.user)
    response = http.post(
        reverse("diary:entry_new"),
        {"occurred_at": now_input(), "emotion": ["angry", "sad"], "intensity_angry": "15", "intensity_sad": "3"},
    )
    assert response.status_code == 400
    assert "intensity_angry" in response.context["form"].errors
    assert 'value="15"' in response.content.decode()


def test_full_entry_with_several_emotions_is_saved(world):
    http = browser(world.client_a.user)
    response = http.post(
        reverse("diary:entry_new"),
        {
            "occurred_at": now_input(),
            "emotion": ["jealous", "afraid"],
            "intensity_jealous": "8",
            "intensity_afraid": "0",
            "with_whom": "partner",
            "reactions": ["sought_closeness"],
            "pattern_tags": ["jealous-when-insecure"],
        },
    )
    assert response.status_code == 302
    made = DiaryEntry.objects.get()
    assert sorted(made.emotions.values_list("emotion", "intensity")) == [("afraid", 0), ("jealous", 8)]
    assert made.reactions == ["sought_closeness"]
    assert [t.slug for t in made.pattern_tags.all()] == ["jealous-when-insecure"]
    assert not made.shared


def test_validation_messages_are_dutch_for_a_dutch_client(world):
    world.client_a.user.language = "nl"
    world.client_a.user.save()
    response = quick(browser(world.client_a.user), intensity="20", occurred_at=now_input())
    body = response.content.decode()
    assert "Kies het gevoel dat het beste past." in body
    assert "De intensiteit moet een heel getal van 0 tot 10 zijn." in body


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31"])
def test_sharing_from_a_date_before_the_diary_is_refused_with_a_message(world, day):
    http = browser(world.client_a.user)
    response = http.post(reverse("diary:share_from"), {"share_from": day})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose a date from the year 2000 on." in body
    assert f'value="{day}"' in body
