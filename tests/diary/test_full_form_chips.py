"""The full entry picks feelings with the quick entry's chips and sliders, grouped hard / pleasant.

A feeling counts when its chip is ticked; its slider gives the intensity. Every slider is
posted (a range input always has a value), so untouched sliders must not become feelings.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from diary.models import DiaryEntry, Emotion

from .helpers import browser, entry

pytestmark = pytest.mark.django_db


def now_input():
    return timezone.localtime(timezone.now() - dt.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M")


def every_slider(**values):
    return {f"intensity_{code}": values.get(code, "5") for code in Emotion.values}


def test_full_form_shows_grouped_chips_and_sliders_not_number_boxes(world):
    body = browser(world.client_a.user).get(reverse("diary:entry_new")).content.decode()
    assert "Hard feelings" in body and "Pleasant feelings" in body
    assert body.index("Lonely") < body.index("Pleasant feelings") < body.index("Relieved")
    assert body.count('type="number"') == 1  # felt safety; no number box per feeling
    assert body.count('type="range"') == len(Emotion.values)
    assert body.count('type="checkbox" name="emotion"') == len(Emotion.values)
    assert 'class="btn btn-outline-primary emotion-chip tap-target"' in body


def test_quick_entry_uses_the_same_grouped_chips(world):
    body = browser(world.client_a.user).get(reverse("diary:quick_entry")).content.decode()
    assert "Hard feelings" in body and "Pleasant feelings" in body
    assert body.count('type="radio" name="emotion"') == len(Emotion.values)


def test_only_ticked_feelings_are_saved_with_their_slider_values(world):
    http = browser(world.client_a.user)
    data = {"occurred_at": now_input(), "emotion": ["lonely", "calm"], **every_slider(lonely="8", calm="2", angry="9")}
    assert http.post(reverse("diary:entry_new"), data).status_code == 302
    made = DiaryEntry.objects.get()
    assert sorted(made.emotions.values_list("emotion", "intensity")) == [("calm", 2), ("lonely", 8)]


def test_a_bad_value_on_an_unticked_slider_is_ignored(world):
    http = browser(world.client_a.user)
    data = {"occurred_at": now_input(), "emotion": ["sad"], **every_slider(sad="4", angry="99", hurt="x")}
    assert http.post(reverse("diary:entry_new"), data).status_code == 302
    assert list(DiaryEntry.objects.get().emotions.values_list("emotion", "intensity")) == [("sad", 4)]


def test_a_ticked_feeling_without_intensity_is_refused_on_that_feeling(world):
    http = browser(world.client_a.user)
    response = http.post(
        reverse("diary:entry_new"), {"occurred_at": now_input(), "emotion": ["sad"], "what_happened": "KEPT"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["intensity_sad"] == ["Say how strong the feeling was (0–10)."]
    assert "KEPT" in response.content.decode()


def test_an_unknown_feeling_is_refused(world):
    http = browser(world.client_a.user)
    response = http.post(reverse("diary:entry_new"), {"occurred_at": now_input(), "emotion": ["bored"]})
    assert response.status_code == 400
    assert "Choose a feeling from the list." in response.content.decode()


def test_no_feeling_ticked_explains_next_to_the_chips(world):
    http = browser(world.client_a.user)
    response = http.post(reverse("diary:entry_new"), {"occurred_at": now_input(), **every_slider()})
    assert response.status_code == 400
    assert response.context["form"].errors["emotion"] == [
        "Choose at least one feeling and give it an intensity from 0 to 10."
    ]
    assert not DiaryEntry.objects.exists()


def test_editing_shows_the_entrys_feelings_ticked_with_their_intensities(world):
    made = entry(world.client_a, emotions=[(Emotion.HURT, 8), (Emotion.SAFE, 3)])
    http = browser(world.client_a.user)
    response = http.get(reverse("diary:entry_edit", args=[made.pk]))
    form = response.context["form"]
    assert sorted(form["emotion"].value()) == ["hurt", "safe"]
    body = response.content.decode()
    assert 'value="hurt" class="btn-check" id="id_emotion_7" checked' in body
    assert 'name="intensity_hurt" value="8"' in body and 'name="intensity_safe" value="3"' in body
    assert 'data-range-output="id_intensity_hurt">8</output>' in body
    # Saving the page as shown changes nothing.
    data = {
        "occurred_at": form["occurred_at"].value(),
        "emotion": ["hurt", "safe"],
        **every_slider(hurt="8", safe="3"),
    }
    assert http.post(reverse("diary:entry_edit", args=[made.pk]), data).status_code == 302
    assert sorted(made.emotions.values_list("emotion", "intensity")) == [("hurt", 8), ("safe", 3)]
