"""A new client lands on a short welcome right after accepting the invitation."""

import re

import pytest
from django.core import mail
from django.test import Client as HttpClient
from django.urls import reverse

from accounts.models import Role

NEW_PASSWORD = "Lighthouse-harbour-77"

pytestmark = pytest.mark.django_db


def _accept(world, *, language: str, role: str = Role.CLIENT, email: str = "fleur@example.test") -> tuple:
    admin = HttpClient()
    admin.force_login(world.admin)
    data = {"name": "Fleur de Boer", "email": email, "role": role, "language": language}
    if role == Role.CLIENT:
        data["therapist"] = world.therapist_a.pk
    assert admin.post(reverse("practice_invite"), data).status_code == 302
    path = re.search(r"https?://[^/\s]+(/accounts/invitation/\S+/)", mail.outbox[-1].body).group(1)
    invitee = HttpClient()
    response = invitee.post(path, {"name": "Fleur de Boer", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    return invitee, response


def _all_steps(invitee) -> str:
    pages = [invitee.get(reverse("client_welcome_step", args=[step])) for step in (1, 2, 3)]
    assert [page.status_code for page in pages] == [200, 200, 200]
    for page in pages:
        # Each screen is made for a phone: the viewport is set by the base and nothing is wider.
        assert 'name="viewport"' in page.content.decode() and "<table" not in page.content.decode()
    return "".join(page.content.decode() for page in pages)


def _links(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', html))


def test_new_client_lands_on_the_welcome_in_her_language(world):
    invitee, response = _accept(world, language="nl")
    assert response.status_code == 302 and response["Location"] == reverse("client_welcome")
    page = invitee.get(response["Location"])
    assert page.status_code == 200
    # Three short screens: what is said on them together is what a new client learns.
    html = _all_steps(invitee)
    assert "Je dagboek is privé" in html
    assert "Je kunt één notitie delen, of alle notities vanaf een datum die je kiest." in html
    assert "Stel mijn herinneringstijden in" in html
    assert "Nu hulp" in html and "Bel dan 112." in html
    assert {reverse("diary:sharing"), reverse("reminders:preferences"), reverse("safety:crisis")} <= _links(html)
    # One page, made for a phone: the viewport is set by the base and nothing is wider than it.
    assert 'name="viewport"' in html and "<table" not in html


def test_welcome_in_english(world):
    invitee, response = _accept(world, language="en")
    assert invitee.get(response["Location"]).status_code == 200
    html = _all_steps(invitee)
    assert "Your diary is private" in html
    assert "take it back any time" in html
    assert "Set my reminder times" in html


def test_new_staff_member_is_not_sent_to_the_client_welcome(world):
    _invitee, response = _accept(world, language="en", role=Role.THERAPIST, email="t.new@example.test")
    assert response.status_code == 302 and response["Location"] != reverse("client_welcome")


def test_welcome_stays_reachable_from_home_and_settings(world, client):
    client.force_login(world.client_a.user)
    welcome = reverse("client_welcome")
    assert welcome in _links(client.get(reverse("client_home")).content.decode())
    assert welcome in _links(client.get(reverse("accounts:settings")).content.decode())
    assert client.get(welcome).status_code == 200
    # Staff settings do not offer a client's welcome.
    client.force_login(world.therapist_a)
    assert welcome not in client.get(reverse("accounts:settings")).content.decode()
