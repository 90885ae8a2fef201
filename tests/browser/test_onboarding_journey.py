"""A new client on a Dutch phone: accepts the invitation, reads the three welcome screens, opens
a Learn card and then their own pattern map; screenshots of each step for a human to look at."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Role, User
from clients.models import Client
from diary.services import create_entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Vuurtoren-haven-2026"


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _check(page) -> None:
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert _fits(page), f"sideways scrolling on {page.url}"


def _write_a_few_weeks(client) -> None:
    """A few diary entries, as the client would write them in their first weeks."""
    now = timezone.now()
    for days_ago, who, reactions, emotions, safety in [
        (45, "partner", ["withdrew"], ["rejected"], 3),
        (40, "partner", ["withdrew"], ["sad"], 4),
        (1, "partner", ["asked_help"], ["rejected"], 6),
    ]:
        create_entry(
            client,
            occurred_at=now - dt.timedelta(days=days_ago),
            with_whom=who,
            reactions=reactions,
            emotions=[(code, 6) for code in emotions],
            felt_safety=safety,
            idempotency_key=uuid.uuid4(),
        )


def test_new_client_onboarding_a_card_and_the_pattern_map_in_dutch(live_server, phone, watch, world, screenshot):
    invitation = Invitation.objects.create(
        practice=world.practice,
        email="sanne@example.test",
        name="Sanne",
        role=Role.CLIENT,
        language="nl",
        therapist=world.therapist_a,
        invited_by=world.admin,
    )
    seen = watch(phone)
    phone.goto(f"{live_server.url}/accounts/invitation/{invitation.token}/")
    if phone.locator("input[name=name]").count():
        phone.fill("input[name=name]", "Sanne")
    phone.fill("input[name=password1]", PASSWORD)
    phone.fill("input[name=password2]", PASSWORD)
    with phone.expect_navigation():
        phone.click("main button[type=submit]")

    # Screen 1: what stays private and what sharing means.
    assert phone.url == f"{live_server.url}{reverse('client_welcome')}"
    main = phone.inner_text("main")
    assert "Stap 1 van 3" in main and "Je dagboek is privé" in main and "Jij kiest wat je deelt" in main
    _check(phone)
    screenshot(phone, "1-welkom-privacy")
    with phone.expect_navigation():
        phone.locator("#welcome-next").tap()

    # Screen 2: the diary and questionnaires.
    main = phone.inner_text("main")
    assert "Stap 2 van 3" in main and "Een snelle notitie" in main and "Vragenlijsten" in main
    _check(phone)
    screenshot(phone, "2-welkom-dagboek")
    with phone.expect_navigation():
        phone.locator("#welcome-next").tap()

    # Screen 3: reminders, with the times that are set now.
    main = phone.inner_text("main")
    assert "Stap 3 van 3" in main and "20:00, elke dag" in main
    assert "wat je opviel aan je patroon" in main and "Wekelijkse terugblik: 19:00, zondag" in main
    _check(phone)
    screenshot(phone, "3-welkom-herinneringen")
    # The reminder settings, where the weekly reflection's wording is picked from examples.
    with phone.expect_navigation():
        phone.get_by_role("link", name="Stel mijn herinneringstijden in").tap()
    reflection = phone.locator("fieldset.card", has_text="Wekelijkse terugblik")
    assert "Wat viel je deze week op aan je patroon?" in reflection.inner_text()
    _check(phone)
    reflection.scroll_into_view_if_needed()
    screenshot(phone, "3b-herinneringen-terugblik")
    phone.go_back()
    with phone.expect_navigation():
        phone.locator("#welcome-done").tap()
    assert phone.url == f"{live_server.url}{reverse('client_home')}"

    # A Learn card: from the start page to all cards, then one card.
    with phone.expect_navigation():
        phone.locator("[data-learn-home]").get_by_role("link", name="Alle kaarten").tap()
    assert phone.url == f"{live_server.url}{reverse('learn:index')}"
    _check(phone)
    with phone.expect_navigation():
        phone.get_by_role("link", name="Twee dimensies").first.tap()
    assert phone.url == f"{live_server.url}{reverse('learn:card', args=['two-dimensions'])}"
    assert "Twee dimensies" in phone.inner_text("main")
    _check(phone)
    screenshot(phone, "4-leerkaart")

    # The pattern map, after a few weeks of diary entries.
    client = Client.objects.get(user=User.objects.get(email="sanne@example.test"))
    _write_a_few_weeks(client)
    phone.goto(f"{live_server.url}{reverse('diary:entry_list')}")
    with phone.expect_navigation():
        phone.get_by_role("link", name="Mijn patroon").first.tap()
    assert phone.url == f"{live_server.url}{reverse('diary:pattern')}"
    main = phone.inner_text("main")
    assert "partner" in main.lower()
    _check(phone)
    screenshot(phone, "5-patroonkaart")

    assert seen.external_requests(live_server.url) == []
    assert seen.csp_violations() == []
    assert seen.errors() == []
