"""Goal pages for client and therapist, templates, GAS rating, shared-page sections, Dutch."""

from datetime import date, timedelta

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from goals import services
from goals.models import GASRating, Goal, GoalStatus
from goals.templates_data import TEMPLATES, all_templates, get_template
from tests.factories import make_client


def login(user):
    http = HttpClient()
    http.force_login(user)
    return http


def test_every_template_has_english_and_dutch_text_and_first_steps():
    slugs = {t["slug"] for t in TEMPLATES}
    assert {"ask-for-help", "share-something-personal", "stay-in-conflict", "i-feel-statements"} <= slugs
    assert {t["slug"] for t in TEMPLATES if t["pattern"] == "anxious"} == {"evening-apart"}
    assert {t["slug"] for t in TEMPLATES if t["pattern"] == "avoidant"} == {"accept-closeness"}
    for data in TEMPLATES:
        for text in (data["title"], data["why"], *data["steps"]):
            assert text["en"].strip() and text["nl"].strip() and text["en"] != text["nl"], data["slug"]
        assert len(data["steps"]) >= 2
    assert get_template("evening-apart", "nl").title == "Een avond apart doorbrengen zonder te checken"
    assert len(all_templates("nl")) == len(TEMPLATES)


def test_therapist_starts_a_goal_from_a_template_in_the_clients_language(world):
    client = make_client(world.practice, world.therapist_a, name="Dutch client", language="nl")
    http = login(world.therapist_a)
    page = http.get(reverse("goals:goal_create", args=[client.pk]) + "?template=accept-closeness").content.decode()
    assert "Nabijheid of een compliment aannemen" in page
    assert "Dank je" in page  # first steps, prefilled, in Dutch
    response = http.post(
        reverse("goals:goal_create", args=[client.pk]),
        {
            "title": "Nabijheid aannemen",
            "why": "",
            "target_per_week": "2",
            "start_date": "2026-01-05",
            "review_date": "2026-03-01",
            "steps": "Dank je zeggen\n\n  Knuffel toelaten  \n",
            "template_slug": "accept-closeness",
            "level_0": "Twee keer per week",
            "gas_weight": "2",
        },
    )
    goal = Goal.objects.get(client=client)
    assert response.status_code == 302 and response["Location"] == reverse("goals:goal_detail", args=[goal.pk])
    assert list(goal.steps.values_list("text", flat=True)) == ["Dank je zeggen", "Knuffel toelaten"]
    assert (goal.template_slug, goal.gas_weight, goal.created_by, goal.level_0) == (
        "accept-closeness",
        2,
        world.therapist_a,
        "Twee keer per week",
    )


def test_client_writes_an_own_goal_and_an_unknown_template_slug_is_dropped(world):
    http = login(world.client_a.user)
    response = http.post(
        reverse("goals:goal_create", args=[world.client_a.pk]),
        {"title": "Call my brother", "target_per_week": "1", "start_date": "2026-01-05", "template_slug": "bogus"},
    )
    assert response.status_code == 302
    goal = Goal.objects.get(client=world.client_a)
    assert (goal.template_slug, goal.gas_weight, goal.created_by) == ("", 1, world.client_a.user)


def test_bad_goal_input_rerenders_the_form_with_the_text(world):
    http = login(world.client_a.user)
    response = http.post(
        reverse("goals:goal_create", args=[world.client_a.pk]),
        {
            "title": "Say I feel",
            "why": "So we fight less",
            "target_per_week": "30",
            "start_date": "2026-02-01",
            "review_date": "2026-01-01",
            "steps": "write it down",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "The review date cannot be before the start date." in body
    assert "So we fight less" in body and "write it down" in body
    assert not Goal.objects.exists()


def test_goal_list_and_detail_show_progress_to_client_and_therapist(world):
    goal = services.create_goal(world.client_a, by=world.therapist_a, title="Ask for help", target_per_week=2)
    services.record_checkin(
        world.client_a,
        goal,
        date=services.client_today(world.client_a),
        outcome="done",
        idempotency_key="00000000-0000-4000-8000-000000000001",
        anxiety_before=8,
        anxiety_after=3,
    )
    for user, url in (
        (world.client_a.user, reverse("goals:my_goals")),
        (world.therapist_a, reverse("goals:client_goals", args=[world.client_a.pk])),
    ):
        http = login(user)
        listing = http.get(url).content.decode()
        assert "Ask for help" in listing and "This week: 1 of 2" in listing
        detail = http.get(reverse("goals:goal_detail", args=[goal.pk])).content.decode()
        assert "1 of 2" in detail and "8.0" in detail and "3.0" in detail


FORMULA_MARKS = ("Kiresuk", "ρ", "T-score", "gas-t-score", "T = 50", "GAS")


def test_the_therapist_reads_the_gas_t_score_explained_in_words_the_client_reads_words(world):
    world.client_a.results_visible_to_client = True
    world.client_a.save()
    g1 = services.create_goal(world.client_a, by=world.therapist_a, title="A")
    g2 = services.create_goal(world.client_a, by=world.therapist_a, title="B")
    services.rate_goal(g1, by=world.therapist_a, date=date(2026, 1, 5), level=1)
    services.rate_goal(g2, by=world.therapist_a, date=date(2026, 1, 5), level=2)
    page = login(world.therapist_a).get(reverse("goals:client_goals", args=[world.client_a.pk])).content.decode()
    # +1, +2 with equal weights: 50 + 30/√2.6 = 68.6
    assert 'id="gas-t-score">68.6<' in page
    # What the score means in words a clinician reads, with its source; no formula, no code font.
    assert "each level above or below expected moves the score by about 10" in page
    assert "Kiresuk &amp; Sherman, 1968" in page
    assert not [mark for mark in ("<code", "ρ", "Σ", "√", "T = 50") if mark in page]
    own = login(world.client_a.user).get(reverse("goals:my_goals")).content.decode()
    assert "somewhat more than expected" in own and "much more than expected" in own
    assert not [mark for mark in FORMULA_MARKS if mark in own]


def test_therapist_rates_gas_and_a_second_rating_the_same_day_updates(world):
    goal = services.create_goal(world.client_a, by=world.therapist_a, title="A", level_plus1="Twice a week")
    http = login(world.therapist_a)
    page = http.get(reverse("goals:gas_rate", args=[goal.pk])).content.decode()
    assert "Twice a week" in page  # the client's words label the levels
    day = (services.client_today(world.client_a) - timedelta(days=1)).isoformat()
    http.post(reverse("goals:gas_rate", args=[goal.pk]), {"date": day, "level": "1", "note": "good"})
    http.post(reverse("goals:gas_rate", args=[goal.pk]), {"date": day, "level": "2", "note": "better"})
    rating = GASRating.objects.get()
    assert (rating.level, rating.note, rating.rated_by) == (2, "better", world.therapist_a)


@pytest.mark.parametrize(("level", "day_offset"), [("3", -1), ("1", 1)])
def test_bad_gas_rating_rerenders_with_a_message(world, level, day_offset):
    goal = services.create_goal(world.client_a, by=world.therapist_a, title="A")
    day = (services.client_today(world.client_a) + timedelta(days=day_offset)).isoformat()
    response = login(world.therapist_a).post(
        reverse("goals:gas_rate", args=[goal.pk]), {"date": day, "level": level, "note": "keep this note"}
    )
    assert response.status_code == 400
    assert "keep this note" in response.content.decode()
    assert not GASRating.objects.exists()


def test_client_cannot_rate_and_other_therapist_sees_nothing(world):
    goal = services.create_goal(world.client_a, by=world.therapist_a, title="A")
    data = {"date": "2026-01-05", "level": "2"}
    assert login(world.client_a.user).post(reverse("goals:gas_rate", args=[goal.pk]), data).status_code == 404
    assert login(world.therapist_other).get(reverse("goals:goal_detail", args=[goal.pk])).status_code == 404
    assert login(world.admin).get(reverse("goals:goal_detail", args=[goal.pk])).status_code == 404
    assert not GASRating.objects.exists()


def test_goal_edit_changes_status(world):
    goal = services.create_goal(world.client_a, by=world.therapist_a, title="A", start_date=date(2026, 1, 5))
    response = login(world.client_a.user).post(
        reverse("goals:goal_edit", args=[goal.pk]),
        {"title": "A+", "target_per_week": "4", "start_date": "2026-01-05", "status": GoalStatus.ACHIEVED},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.title, goal.target_per_week, goal.status) == ("A+", 4, GoalStatus.ACHIEVED)


def test_client_home_shows_goals_due_this_week_and_the_nav_link(world):
    services.create_goal(world.client_a, by=world.therapist_a, title="Practise asking", target_per_week=2)
    services.create_goal(
        world.client_a, by=world.therapist_a, title="Paused one", target_per_week=2, status=GoalStatus.PAUSED
    )
    page = login(world.client_a.user).get(reverse("client_home")).content.decode()
    assert "Practise asking" in page and "Paused one" not in page
    assert reverse("goals:my_goals") in page  # nav link
    assert "Practise asking" not in login(world.client_b.user).get(reverse("client_home")).content.decode()


def test_therapist_client_page_has_a_goals_section(world):
    services.create_goal(world.client_a, by=world.therapist_a, title="Stay in the room")
    page = login(world.therapist_a).get(reverse("client_detail", args=[world.client_a.pk])).content.decode()
    assert "Stay in the room" in page and "GAS T-score" in page
    # The practice admin sees the record page but not the clinical goals section.
    admin_page = login(world.admin).get(reverse("client_detail", args=[world.client_a.pk])).content.decode()
    assert "Stay in the room" not in admin_page


def test_goal_pages_in_dutch(world):
    client = make_client(world.practice, world.therapist_a, name="Sanne", language="nl")
    goal = services.create_goal(client, by=world.therapist_a, title="Om hulp vragen", target_per_week=2)
    http = login(client.user)
    listing = http.get(reverse("goals:my_goals")).content.decode()
    assert "Mijn doelen" in listing and "Deze week: 0 van 2" in listing
    checkin = http.get(reverse("goals:checkin", args=[goal.pk])).content.decode()
    assert "Hoe ging het?" in checkin and "Gedaan" in checkin and "Angst vooraf (0–10)" in checkin
    tomorrow = (services.client_today(client) + timedelta(days=1)).isoformat()
    response = http.post(
        reverse("goals:checkin", args=[goal.pk]),
        {
            "outcome": "done",
            "date": tomorrow,
            "anxiety_before": "11",
            "idempotency_key": "00000000-0000-4000-8000-0000000000aa",
        },
    )
    body = response.content.decode()
    assert "Een check-in kan niet in de toekomst liggen." in body
    assert "Angst geef je een cijfer van 0 tot 10." in body


@pytest.mark.parametrize("url_name", ["goals:my_goals", "client_home"])
def test_client_pages_run_a_fixed_number_of_queries(world, url_name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    http = login(world.client_a.user)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert http.get(reverse(url_name)).status_code == 200
        return len(ctx.captured_queries)

    services.create_goal(world.client_a, by=world.therapist_a, title="G0")
    count()  # the first request after login also writes the session's idle expiry
    one = count()
    for n in range(1, 6):
        goal = services.create_goal(world.client_a, by=world.therapist_a, title=f"G{n}", steps=["a", "b"])
        services.record_checkin(
            world.client_a,
            goal,
            date=services.client_today(world.client_a),
            outcome="done",
            idempotency_key=f"00000000-0000-4000-8000-00000000000{n}",
        )
        services.rate_goal(goal, by=world.therapist_a, date=date(2026, 1, 5), level=1)
    assert count() == one


def test_therapist_goal_detail_runs_a_fixed_number_of_queries(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    goal = services.create_goal(world.client_a, by=world.therapist_a, title="G", steps=["a"])
    http = login(world.therapist_a)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert http.get(reverse("goals:goal_detail", args=[goal.pk])).status_code == 200
        return len(ctx.captured_queries)

    count()  # the first request after login also writes the session's idle expiry
    one = count()
    for n in range(5):
        services.add_step(goal, f"step {n}")
        services.record_checkin(
            world.client_a,
            goal,
            date=services.client_today(world.client_a),
            outcome="partly",
            idempotency_key=f"00000000-0000-4000-8000-0000000000a{n}",
            step=goal.steps.first(),
        )
        services.rate_goal(goal, by=world.therapist_a, date=date(2026, 1, 5 + n), level=n % 3)
    assert count() == one


def test_client_sees_goal_reviews_in_words_on_their_goal_pages(world):
    # Goal reviews are written in the client's own words: unlike questionnaire scores they
    # are not behind the therapist's results switch. The client reads words, not a T-score.
    assert not world.client_a.results_visible_to_client
    goal = services.create_goal(world.client_a, by=world.therapist_a, title="A", level_plus2="I ask twice a week")
    services.rate_goal(goal, by=world.therapist_a, date=date(2026, 1, 5), level=2, note="therapist note")
    http = login(world.client_a.user)
    listing = http.get(reverse("goals:my_goals")).content.decode()
    detail = http.get(reverse("goals:goal_detail", args=[goal.pk])).content.decode()
    assert "much more than expected" in listing and "I ask twice a week" in listing
    assert "much more than expected" in detail and "therapist note" in detail
    assert not [mark for mark in FORMULA_MARKS if mark in listing + detail]
    # +2 alone → 50 + 20/1 = 70, for the therapist.
    therapist_page = login(world.therapist_a).get(reverse("goals:client_goals", args=[world.client_a.pk]))
    assert 'id="gas-t-score">70.0<' in therapist_page.content.decode()
    other = login(world.client_b.user).get(reverse("goals:goal_detail", args=[goal.pk]))
    assert other.status_code == 404
