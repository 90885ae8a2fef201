"""The pattern map in a browser: the client's own map on a phone in Dutch, shared in one tap,
and the therapist's view of it on a desktop in English."""

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from accounts.localtime import zone_of
from diary.services import create_entry
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# (months ago, with whom, reactions, emotions, felt safety, shared)
DIARY = [
    (2, "partner", ["withdrew"], ["rejected", "sad"], 3, True),
    (2, "partner", ["withdrew"], ["rejected"], 2, True),
    (2, "friend", ["talked"], ["sad"], 6, False),
    (1, "partner", ["asked_help"], ["rejected"], 7, True),
    (1, "partner", ["withdrew", "asked_help"], ["afraid"], 5, True),
    (0, "family", ["asked_help"], ["happy"], 8, False),
]


def _write(client):
    tz = zone_of(client.user)
    today = timezone.localtime(timezone.now(), tz).date()
    for months_ago, who, reactions, emotions, safety, shared in DIARY:
        first = today.replace(day=1)
        for _ in range(months_ago):
            first = (first - dt.timedelta(days=1)).replace(day=1)
        create_entry(
            client,
            occurred_at=timezone.make_aware(dt.datetime.combine(first, dt.time(12)), tz),
            with_whom=who,
            reactions=reactions,
            emotions=[(code, 6) for code in emotions],
            felt_safety=safety,
            shared=shared,
            idempotency_key=uuid.uuid4(),
        )


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_client_shares_their_map_on_a_dutch_phone(live_server, phone, watch, world, screenshot):
    user = world.client_a.user
    user.language = "nl"
    user.save(update_fields=["language"])
    _write(world.client_a)
    seen = watch(phone)
    log_in(phone, live_server.url, user)
    phone.goto(f"{live_server.url}/diary/")
    phone.get_by_role("link", name="Mijn patroon").first.tap()
    phone.wait_for_url(f"{live_server.url}/diary/pattern/")
    assert "Wat je het vaakst deed met je partner: je terugtrekken (3 van de 5)." in phone.inner_text("main")
    assert _fits(phone)
    screenshot(phone, "nl-phone-own")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Deel mijn kaart met mijn therapeut").tap()
    assert phone.locator("[data-pattern-shared=yes]").is_visible()
    screenshot(phone, "nl-phone-shared")
    assert seen.external_requests(live_server.url) == []
    assert seen.csp_violations() == []
    assert seen.errors() == []


def test_the_therapist_sees_the_shared_map_on_a_desktop(live_server, page, watch, world, screenshot):
    from diary.services import share_pattern

    _write(world.client_a)
    share_pattern(world.client_a)
    seen = watch(page)
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server.url, world.therapist_a)
    page.goto(f"{live_server.url}/diary/clients/{world.client_a.pk}/")
    page.get_by_role("link", name="Pattern map (shared by the client)").click()
    page.wait_for_url(f"{live_server.url}/diary/clients/{world.client_a.pk}/pattern/")
    text = page.inner_text("main")
    # Shared entries only: the friend and the family entries are private.
    assert "What you did most often with your partner: withdraw (3 of 5)." in text
    assert "Talked about it" not in text
    screenshot(page, "en-desktop-therapist")
    assert seen.csp_violations() == []
    assert seen.errors() == []
