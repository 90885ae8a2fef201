"""A Dutch client reads the questionnaire's Dutch name; an English client the English one."""

from django.test import Client as HttpClient
from django.urls import reverse

from assessments.loader import get_instrument
from tests.factories import make_client

from .helpers import TODAY, completed, open_request, uniform


def _page(user, url):
    http = HttpClient()
    http.force_login(user)
    return http.get(url, follow=True).content.decode()


def test_every_instrument_has_a_dutch_name_of_its_own():
    for slug in ("ecr-r", "ecr-rs"):
        spec = get_instrument(slug)
        assert spec.name("nl") != spec.name("en")
        assert spec.name("nl").startswith("Ervaringen in nauwe relaties")
        assert f"({slug.upper()})" in spec.name("nl")


def test_a_dutch_client_sees_dutch_questionnaire_names_at_home_and_in_their_results(world):
    dutch = make_client(world.practice, world.therapist_a, name="Noor", language="nl", results_visible_to_client=True)
    completed(dutch, world.therapist_a, uniform("ecr-r", 4))
    open_request(dutch, world.therapist_a, "ecr-r", start=TODAY.replace(day=30))
    open_request(dutch, world.therapist_a, "ecr-rs", target="partner")

    home = _page(dutch.user, reverse("client_home"))
    results = _page(dutch.user, reverse("assessments:my_results"))

    assert get_instrument("ecr-r").name("nl") in home
    assert get_instrument("ecr-rs").name("nl") in home
    assert get_instrument("ecr-r").name("nl") in results
    assert "Experiences in Close Relationships" not in home + results


def test_an_english_client_keeps_the_english_names(world):
    ecr_r = open_request(world.client_a, world.therapist_a, "ecr-r")

    home = _page(world.client_a.user, reverse("client_home"))

    assert get_instrument("ecr-r").name("en") in home
    assert "Ervaringen" not in home + _page(world.client_a.user, reverse("assessments:fill", args=[ecr_r.pk]))
