"""Learn pages: both languages, the therapist's order, practice cards per practice, the links
from where questions arise (progress page, goal templates, diary form, diary comments)."""

import datetime as dt

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from diary.models import Comment
from learn.models import CardChoice, PracticeCard
from tests.factories import make_client
from tests.seeding import add_entry, add_scores

pytestmark = pytest.mark.django_db


def _login(user):
    http = HttpClient()
    http.force_login(user)
    return http


def _own_card(practice, slug="our-groups"):
    return PracticeCard.objects.create(
        practice=practice,
        slug=slug,
        order=300,
        title_en="Our group sessions",
        title_nl="Onze groepssessies",
        body_en="Every Tuesday evening.",
        body_nl="Elke dinsdagavond.",
        sources="Practice leaflet (2026).",
    )


def test_index_and_card_in_english_and_dutch(world):
    dutch = make_client(world.practice, world.therapist_a, name="Sanne", language="nl")
    english = _login(world.client_a.user)
    page = english.get(reverse("learn:index")).content.decode()
    assert "Two dimensions" in page and "What is attachment?" in page
    page = english.get(reverse("learn:card", args=["style-anxious"])).content.decode()
    assert "Anxious-preoccupied" in page and "Bartholomew, K., &amp; Horowitz" in page
    dutch_http = _login(dutch.user)
    page = dutch_http.get(reverse("learn:index")).content.decode()
    assert "Twee dimensies" in page and "Two dimensions" not in page
    page = dutch_http.get(reverse("learn:card", args=["style-anxious"])).content.decode()
    assert "Angstig-gepreoccupeerd" in page and "Bronnen" in page and "Volgende" in page


def test_card_has_previous_and_next_in_reading_order(world):
    http = _login(world.client_a.user)
    page = http.get(reverse("learn:card", args=["two-dimensions"])).content.decode()
    assert f'rel="prev" href="{reverse("learn:card", args=["what-is-attachment"])}"' in page
    assert f'rel="next" href="{reverse("learn:card", args=["style-secure"])}"' in page
    first = http.get(reverse("learn:card", args=["what-is-attachment"])).content.decode()
    assert 'rel="prev"' not in first


def test_the_therapists_choice_orders_the_clients_index(world):
    therapist = _login(world.therapist_a)
    response = therapist.post(
        reverse("learn:first_cards", args=[world.client_a.pk]),
        {"card_0": "secure-base", "card_1": "myth-cannot-change", "card_2": ""},
    )
    assert response.status_code == 302
    assert list(CardChoice.objects.filter(client=world.client_a).values_list("slug", flat=True)) == [
        "secure-base",
        "myth-cannot-change",
    ]
    page = _login(world.client_a.user).get(reverse("learn:index")).content.decode()
    chosen = page.index("data-chosen")
    assert chosen < page.index('data-card="secure-base"') < page.index('data-card="myth-cannot-change"')
    assert page.index('data-card="myth-cannot-change"') < page.index('data-card="what-is-attachment"')
    # The other client of the practice keeps the plain reading order.
    other = _login(world.client_b.user).get(reverse("learn:index")).content.decode()
    assert "data-chosen" not in other
    # Next on the first chosen card leads to the second chosen card.
    card = _login(world.client_a.user).get(reverse("learn:card", args=["secure-base"])).content.decode()
    assert f'rel="next" href="{reverse("learn:card", args=["myth-cannot-change"])}"' in card


def test_the_choice_form_is_on_the_therapists_client_page(world):
    CardChoice.objects.create(client=world.client_a, slug="secure-base", position=0)
    page = _login(world.therapist_a).get(reverse("client_detail", args=[world.client_a.pk])).content.decode()
    assert "data-learn-first" in page and reverse("learn:first_cards", args=[world.client_a.pk]) in page
    assert '<option value="secure-base" selected>' in page


def test_a_forged_card_in_the_choice_is_refused(world):
    response = _login(world.therapist_a).post(
        reverse("learn:first_cards", args=[world.client_a.pk]), {"card_0": "no-such-card"}
    )
    assert response.status_code == 302 and not CardChoice.objects.exists()


def test_a_practice_card_is_shown_to_its_practice_only(world):
    _own_card(world.practice)
    url = reverse("learn:card", args=["our-groups"])
    for user in (world.client_a.user, world.therapist_a, world.admin):
        http = _login(user)
        assert "Our group sessions" in http.get(reverse("learn:index")).content.decode()
        assert http.get(url).status_code == 200
    for user in (world.client_x.user, world.therapist_x, world.admin_x):
        http = _login(user)
        assert "Our group sessions" not in http.get(reverse("learn:index")).content.decode()
        assert http.get(url).status_code == 404


def test_practice_admin_adds_a_card_in_both_languages(world):
    http = _login(world.admin)
    data = {
        "title_en": "Walks",
        "title_nl": "",
        "body_en": "We walk and talk.",
        "body_nl": "We wandelen en praten.",
        "sources": "",
        "slug": "two-dimensions",
        "order": "400",
    }
    response = http.post(reverse("learn:practice_card_add"), data)
    assert response.status_code == 400 and not PracticeCard.objects.exists()
    page = response.content.decode()
    assert "We walk and talk." in page  # nothing typed is lost
    assert "A built-in card already uses this name" in page
    response = http.post(
        reverse("learn:practice_card_add"),
        {**data, "title_nl": "Wandelingen", "sources": "Us (2026).", "slug": "walks"},
    )
    assert response.status_code == 302
    card = PracticeCard.objects.get()
    assert (card.practice, card.title_nl) == (world.practice, "Wandelingen")
    # Another practice's admin cannot open it.
    assert _login(world.admin_x).get(reverse("learn:practice_card_edit", args=[card.pk])).status_code == 404


def test_a_recommended_card_in_a_comment_links_to_the_card(world):
    entry = add_entry(world.client_a, timezone.now(), shared=True)
    therapist = _login(world.therapist_a)
    form = therapist.get(reverse("diary:entry_detail", args=[entry.pk])).content.decode()
    assert '<option value="secure-base">' in form
    response = therapist.post(
        reverse("diary:comment_add", args=[entry.pk]), {"body": "Worth a read.", "card_slug": "secure-base"}
    )
    assert response.status_code == 302
    assert Comment.objects.get().card_slug == "secure-base"
    page = _login(world.client_a.user).get(reverse("diary:entry_detail", args=[entry.pk])).content.decode()
    assert f'href="{reverse("learn:card", args=["secure-base"])}">A secure base</a>' in page


def test_a_comment_without_a_card_shows_no_card_link(world):
    entry = add_entry(world.client_a, timezone.now(), shared=True)
    _login(world.therapist_a).post(reverse("diary:comment_add", args=[entry.pk]), {"body": "Noted."})
    page = _login(world.client_a.user).get(reverse("diary:entry_detail", args=[entry.pk])).content.decode()
    assert "data-recommended-card" not in page


def test_progress_page_links_the_clients_corner_to_its_card(world):
    type(world.client_a).objects.filter(pk=world.client_a.pk).update(results_visible_to_client=True)
    today = timezone.localdate()
    add_scores(world.client_a, [(today - dt.timedelta(days=3), 5.5, 2.0)])  # anxious corner
    page = _login(world.client_a.user).get(reverse("dashboard:my_progress")).content.decode()
    assert f'href="{reverse("learn:card", args=["style-anxious"])}"' in page


def test_goal_pages_link_to_the_templates_card(world):
    from goals.models import Goal

    therapist = _login(world.therapist_a)
    url = reverse("goals:goal_create", args=[world.client_a.pk]) + "?template=stay-in-conflict"
    page = therapist.get(url).content.decode()
    assert reverse("learn:card", args=["goal-stay-in-conflict"]) in page
    goal = Goal.objects.create(
        client=world.client_a,
        title="Stay",
        target_per_week=2,
        start_date=timezone.localdate(),
        template_slug="ask-for-help",
    )
    page = _login(world.client_a.user).get(reverse("goals:goal_detail", args=[goal.pk])).content.decode()
    assert reverse("learn:card", args=["goal-ask-for-help"]) in page


def test_diary_form_links_reactions_and_the_i_feel_helper_to_cards(world):
    page = _login(world.client_a.user).get(reverse("diary:entry_new")).content.decode()
    assert reverse("learn:card", args=["name-your-feelings"]) in page
    assert reverse("learn:card", args=["stress-and-your-pattern"]) in page


def test_the_chosen_cards_are_exported_to_client_and_therapist_and_erased(world):
    from learn import export

    CardChoice.objects.create(client=world.client_a, slug="secure-base", position=0)
    expected = {"learn_first_cards": [{"card": "secure-base", "position": 1}]}
    assert export.export_rows(world.client_a, world.client_a.user) == expected
    assert export.export_rows(world.client_a, world.therapist_a) == expected
    assert export.export_rows(world.client_a, world.admin) == {}
    assert export.erase(world.client_a) == {"learn_first_cards": 1}
    assert not CardChoice.objects.exists()


def test_client_home_shows_learn_with_the_therapists_first_card(world):
    http = _login(world.client_a.user)
    page = http.get(reverse("client_home")).content.decode()
    assert "data-learn-home" in page and reverse("learn:card", args=["what-is-attachment"]) in page
    CardChoice.objects.create(client=world.client_a, slug="secure-base", position=0)
    page = http.get(reverse("client_home")).content.decode()
    assert "Your therapist suggests:" in page and reverse("learn:card", args=["secure-base"]) in page


def test_practice_admin_finds_the_card_pages_on_people(world):
    page = _login(world.admin).get(reverse("practice_people")).content.decode()
    assert reverse("learn:practice_cards") in page


def test_demo_gives_every_demo_client_first_cards_and_the_practice_a_card_twice_safely(db):
    from io import StringIO

    from django.core.management import call_command

    errors = StringIO()
    for _ in range(2):
        call_command("seed_demo", stdout=StringIO(), stderr=errors)
    assert "learn" not in errors.getvalue()
    assert PracticeCard.objects.filter(slug="our-group-evenings").count() == 1
    assert CardChoice.objects.filter(position=0, slug="two-dimensions").count() >= 2
