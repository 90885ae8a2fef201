"""Client check-ins: only on one's own goal, never in the future, anxiety 0–10, once per submit."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client as HttpClient
from django.urls import reverse

from goals import services
from goals.models import CheckIn, Outcome
from tests.factories import make_client


def login(user):
    http = HttpClient()
    http.force_login(user)
    return http


@pytest.fixture
def goal_a(world):
    return services.create_goal(world.client_a, by=world.therapist_a, title="Ask for help", steps=["Small favour"])


def post_data(**overrides):
    data = {
        "outcome": "done",
        "anxiety_before": "7",
        "anxiety_after": "4",
        "what_happened": "I asked my sister to help me move a cupboard.",
        "what_helped": "Breathing first",
        "idempotency_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_client_checks_in_on_own_goal(world, goal_a):
    http = login(world.client_a.user)
    today = services.client_today(world.client_a)
    data = post_data(date=today.isoformat())
    response = http.post(reverse("goals:checkin", args=[goal_a.pk]), data)
    assert response.status_code == 302
    checkin = CheckIn.objects.get()
    assert (checkin.client, checkin.goal, checkin.outcome, checkin.anxiety_before, checkin.anxiety_after) == (
        world.client_a,
        goal_a,
        Outcome.DONE,
        7,
        4,
    )


def test_double_submit_creates_one_checkin(world, goal_a):
    http = login(world.client_a.user)
    data = post_data(date=services.client_today(world.client_a).isoformat())
    first = http.post(reverse("goals:checkin", args=[goal_a.pk]), data)
    second = http.post(reverse("goals:checkin", args=[goal_a.pk]), data)
    assert first.status_code == second.status_code == 302
    assert CheckIn.objects.count() == 1
    # A fresh form (new key) is a new check-in.
    data["idempotency_key"] = str(uuid.uuid4())
    http.post(reverse("goals:checkin", args=[goal_a.pk]), data)
    assert CheckIn.objects.count() == 2


def test_service_is_idempotent_per_key(world, goal_a):
    key = uuid.uuid4()
    today = services.client_today(world.client_a)
    first, created1 = services.record_checkin(world.client_a, goal_a, date=today, outcome="done", idempotency_key=key)
    again, created2 = services.record_checkin(world.client_a, goal_a, date=today, outcome="partly", idempotency_key=key)
    assert (created1, created2, first.pk, again.outcome) == (True, False, again.pk, "done")


def test_checkin_on_someone_elses_goal_is_404(world, goal_a):
    http = login(world.client_b.user)
    data = post_data(date=services.client_today(world.client_b).isoformat())
    assert http.get(reverse("goals:checkin", args=[goal_a.pk])).status_code == 404
    assert http.post(reverse("goals:checkin", args=[goal_a.pk]), data).status_code == 404
    assert CheckIn.objects.count() == 0


def test_service_refuses_a_goal_of_another_client(world, goal_a):
    with pytest.raises(ValidationError):
        services.record_checkin(
            world.client_b,
            goal_a,
            date=services.client_today(world.client_b),
            outcome="done",
            idempotency_key=uuid.uuid4(),
        )
    assert CheckIn.objects.count() == 0


def test_therapist_cannot_check_in_for_the_client(world, goal_a):
    http = login(world.therapist_a)
    data = post_data(date=services.client_today(world.client_a).isoformat())
    assert http.post(reverse("goals:checkin", args=[goal_a.pk]), data).status_code == 404
    assert CheckIn.objects.count() == 0


def test_future_date_is_refused_and_the_text_is_kept(world, goal_a):
    http = login(world.client_a.user)
    tomorrow = services.client_today(world.client_a) + timedelta(days=1)
    data = post_data(date=tomorrow.isoformat())
    response = http.post(reverse("goals:checkin", args=[goal_a.pk]), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "A check-in cannot be dated in the future." in body
    assert "I asked my sister to help me move a cupboard." in body  # nothing typed is lost
    assert data["idempotency_key"] in body  # the retry keeps its key
    assert CheckIn.objects.count() == 0


def test_future_means_the_clients_own_timezone(world):
    """Late evening in Amsterdam is already tomorrow in Auckland: that date is allowed there."""
    from django.utils import timezone

    client = world.client_a
    auckland, honolulu = client.user, world.client_b.user
    auckland.timezone = "Pacific/Auckland"
    auckland.save()
    honolulu.timezone = "Pacific/Honolulu"
    honolulu.save()
    goal = services.create_goal(client, by=world.therapist_a, title="G")
    goal_b = services.create_goal(world.client_b, by=world.therapist_other, title="H")
    utc_today = timezone.now().date()
    # Auckland (UTC+12/13) is always at or after the UTC date, Honolulu (UTC−10) at or before.
    assert services.client_today(client) >= utc_today >= services.client_today(world.client_b)
    services.record_checkin(
        client, goal, date=services.client_today(client), outcome="done", idempotency_key=uuid.uuid4()
    )
    with pytest.raises(ValidationError) as error:
        services.record_checkin(
            world.client_b,
            goal_b,
            date=services.client_today(world.client_b) + timedelta(days=1),
            outcome="done",
            idempotency_key=uuid.uuid4(),
        )
    assert "date" in error.value.message_dict


@pytest.mark.parametrize("field", ["anxiety_before", "anxiety_after"])
@pytest.mark.parametrize("value", ["11", "-1", "eight"])
def test_anxiety_outside_0_to_10_is_refused(world, goal_a, field, value):
    http = login(world.client_a.user)
    data = post_data(date=services.client_today(world.client_a).isoformat(), **{field: value})
    response = http.post(reverse("goals:checkin", args=[goal_a.pk]), data)
    assert response.status_code == 400
    assert "Anxiety is rated from 0 to 10." in response.content.decode()
    assert "Breathing first" in response.content.decode()
    assert CheckIn.objects.count() == 0


def test_service_refuses_anxiety_out_of_range(world, goal_a):
    with pytest.raises(ValidationError) as error:
        services.record_checkin(
            world.client_a,
            goal_a,
            date=services.client_today(world.client_a),
            outcome="done",
            idempotency_key=uuid.uuid4(),
            anxiety_before=12,
        )
    assert "anxiety_before" in error.value.message_dict


def test_step_of_another_goal_is_refused(world, goal_a):
    other = services.create_goal(world.client_a, by=world.therapist_a, title="Other", steps=["Other step"])
    http = login(world.client_a.user)
    data = post_data(date=services.client_today(world.client_a).isoformat(), step=str(other.steps.get().pk))
    response = http.post(reverse("goals:checkin", args=[goal_a.pk]), data)
    assert response.status_code == 400
    assert CheckIn.objects.count() == 0


def test_only_own_diary_entries_can_be_linked(world, goal_a):
    from diary.models import DiaryEntry

    own = DiaryEntry.objects.create(client=world.client_a, i_feel="alone")
    foreign = DiaryEntry.objects.create(client=world.client_b, i_feel="secret of B")
    http = login(world.client_a.user)
    today = services.client_today(world.client_a).isoformat()
    form_page = http.get(reverse("goals:checkin", args=[goal_a.pk])).content.decode()
    assert "alone" in form_page and "secret of B" not in form_page
    data = post_data(date=today, diary_entry=str(foreign.pk))
    assert http.post(reverse("goals:checkin", args=[goal_a.pk]), data).status_code == 400
    assert CheckIn.objects.count() == 0
    data = post_data(date=today, diary_entry=str(own.pk))
    assert http.post(reverse("goals:checkin", args=[goal_a.pk]), data).status_code == 302
    assert CheckIn.objects.get().diary_entry == own
    # The service checks too, whoever calls it.
    with pytest.raises(ValidationError):
        services.record_checkin(
            world.client_a,
            goal_a,
            date=services.client_today(world.client_a),
            outcome="done",
            idempotency_key=uuid.uuid4(),
            diary_entry=foreign,
        )


def test_client_of_other_practice_gets_404_on_the_goal(world, goal_a):
    http = login(world.client_x.user)
    assert http.get(reverse("goals:goal_detail", args=[goal_a.pk])).status_code == 404
    assert http.get(reverse("goals:goal_detail", args=[999999])).status_code == 404


def test_a_new_client_of_the_same_therapist_still_cannot_see_the_goal(world, goal_a):
    sibling = make_client(world.practice, world.therapist_a, name="Sibling")
    http = login(sibling.user)
    assert http.get(reverse("goals:goal_detail", args=[goal_a.pk])).status_code == 404
    assert http.get(reverse("goals:client_goals", args=[world.client_a.pk])).status_code == 404


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31"])
def test_checkin_before_the_diarys_earliest_date_is_refused_and_the_text_is_kept(world, goal_a, day):
    http = login(world.client_a.user)
    response = http.post(reverse("goals:checkin", args=[goal_a.pk]), post_data(date=day))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose a date from the year 2000 on." in body
    assert "I asked my sister to help me move a cupboard." in body
    assert CheckIn.objects.count() == 0


def test_checkin_text_longer_than_the_diary_allows_is_refused_and_kept(world, goal_a):
    from diary.limits import NOTE_MAX_LENGTH, STORY_MAX_LENGTH

    http = login(world.client_a.user)
    today = services.client_today(world.client_a).isoformat()
    story, helped = "s" * (STORY_MAX_LENGTH + 1), "h" * (NOTE_MAX_LENGTH + 1)
    response = http.post(
        reverse("goals:checkin", args=[goal_a.pk]), post_data(date=today, what_happened=story, what_helped=helped)
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert f"Ensure this value has at most {STORY_MAX_LENGTH} characters (it has {STORY_MAX_LENGTH + 1})." in body
    assert f"Ensure this value has at most {NOTE_MAX_LENGTH} characters (it has {NOTE_MAX_LENGTH + 1})." in body
    assert story in body and helped in body  # what was typed is kept to be shortened
    assert CheckIn.objects.count() == 0
    limit = http.post(
        reverse("goals:checkin", args=[goal_a.pk]),
        post_data(date=today, what_happened=story[:-1], what_helped=helped[:-1]),
    )
    assert limit.status_code == 302


def test_a_megabyte_note_is_refused_in_dutch(world, goal_a):
    from diary.limits import NOTE_MAX_LENGTH

    user = world.client_a.user
    user.language = "nl"
    user.save()
    http = login(user)
    today = services.client_today(world.client_a).isoformat()
    response = http.post(reverse("goals:checkin", args=[goal_a.pk]), post_data(date=today, what_helped="x" * 2**20))
    assert response.status_code == 400
    assert f"niet meer dan {NOTE_MAX_LENGTH} tekens bevat (het zijn er nu {2**20})" in response.content.decode()
    assert CheckIn.objects.count() == 0


def test_service_refuses_early_dates_and_long_text(world, goal_a):
    from diary.limits import EARLIEST_DATE, NOTE_MAX_LENGTH, STORY_MAX_LENGTH

    with pytest.raises(ValidationError) as error:
        services.record_checkin(
            world.client_a,
            goal_a,
            date=EARLIEST_DATE - timedelta(days=1),
            outcome="done",
            idempotency_key=uuid.uuid4(),
            what_happened="s" * (STORY_MAX_LENGTH + 1),
            what_helped="h" * (NOTE_MAX_LENGTH + 1),
        )
    assert set(error.value.message_dict) == {"date", "what_happened", "what_helped"}
    assert CheckIn.objects.count() == 0


@pytest.mark.parametrize(
    ("language", "no_step", "no_entry"),
    [("en", "No particular step", "No diary entry"), ("nl", "Geen bepaalde stap", "Geen dagboeknotitie")],
)
def test_the_step_and_diary_choices_start_with_words_not_dashes(world, goal_a, language, no_step, no_entry):
    world.client_a.user.language = language
    world.client_a.user.save(update_fields=["language"])
    html = login(world.client_a.user).get(reverse("goals:checkin", args=[goal_a.pk])).content.decode()
    assert "---------" not in html
    assert f'<option value="" selected>{no_step}</option>' in html
    assert f'<option value="" selected>{no_entry}</option>' in html
