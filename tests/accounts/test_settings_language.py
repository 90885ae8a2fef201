from django.test import Client as HttpClient
from django.urls import reverse

from accounts.models import Role
from tests.factories import make_client


def test_switching_language_takes_effect_on_the_very_next_page(world):
    http = HttpClient()
    http.force_login(world.client_a.user)

    response = http.post(
        reverse("accounts:settings"),
        {"name": "Client A", "language": "nl", "timezone": "Europe/Amsterdam"},
        follow=True,
    )

    content = response.content.decode()
    assert '<html lang="nl">' in content
    assert "Je instellingen zijn opgeslagen." in content
    world.client_a.user.refresh_from_db()
    assert world.client_a.user.language == "nl"


def test_each_user_sees_their_own_language_whatever_the_browser_says(world):
    dutch = make_client(world.practice, world.therapist_a, name="Daan", language="nl")
    dutch_http = HttpClient(headers={"accept-language": "en"})
    dutch_http.force_login(dutch.user)
    english_http = HttpClient(headers={"accept-language": "nl"})
    english_http.force_login(world.client_a.user)

    dutch_page = dutch_http.get(reverse("client_home")).content.decode()
    english_page = english_http.get(reverse("client_home")).content.decode()

    assert "Vandaag" in dutch_page and "Uitloggen" in dutch_page
    assert "Today" in english_page and "Log out" in english_page
    assert dutch.user.role == Role.CLIENT


def test_an_unknown_timezone_is_refused_and_the_rest_kept(world):
    http = HttpClient()
    http.force_login(world.client_a.user)

    response = http.post(reverse("accounts:settings"), {"name": "Typed", "language": "en", "timezone": "Mars/Base"})

    assert response.status_code == 200
    assert 'value="Typed"' in response.content.decode()
    world.client_a.user.refresh_from_db()
    assert world.client_a.user.name == "Client A"
