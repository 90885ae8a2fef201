"""The client's one progress page and the therapist's session preparation on a phone and a
desktop, in English and Dutch: screenshots to look at, and no sideways scrolling on the phone."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from clients.models import TherapySession
from goals.models import CheckIn
from tests.browser.conftest import log_in
from tests.seeding import add_checkin, add_entry, add_gas, add_goal, add_scores

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}


def _seed(world, language):
    today = timezone.localdate()
    now = timezone.now()
    client = world.client_a
    for user in (client.user, world.therapist_a):
        user.language = language
        user.save(update_fields=["language"])
    type(client).objects.filter(pk=client.pk).update(results_visible_to_client=True)
    TherapySession.objects.create(client=client, held_on=today - dt.timedelta(days=7))
    add_scores(
        client,
        [(today - dt.timedelta(days=84), 2.8889, 4.8889), (today - dt.timedelta(days=42), 3.5, 4.2),
         (today - dt.timedelta(days=3), 4.6667, 3.1111)],
    )  # fmt: skip
    add_scores(client, [(today - dt.timedelta(days=3), 4.0, 3.0)], instrument="ecr-rs", target="partner")
    ask = add_goal(client, "Ask for help", target=3, start=today - dt.timedelta(weeks=8))
    ask.level_plus1 = "I ask my sister once a week"
    ask.save()
    stay = add_goal(client, "Stay in the room during a conflict", target=2, start=today - dt.timedelta(weeks=8))
    for day in range(0, 56, 3):
        add_checkin(ask if day % 2 else stay, today - dt.timedelta(days=day))
        add_entry(client, now - dt.timedelta(days=day), shared=day % 2 == 0, emotions=[("lonely", 5)], felt_safety=6)
    CheckIn.objects.create(client=client, goal=ask, date=today - dt.timedelta(days=1), outcome="done",
                           what_happened="Asked my sister to help me move a cupboard", what_helped="Breathing first",
                           anxiety_before=7, anxiety_after=4)  # fmt: skip
    add_gas(ask, today - dt.timedelta(days=10), 1)
    add_gas(stay, today - dt.timedelta(days=10), 0)


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"scrollWidth {width}"


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_clients_progress_page_on_phone_and_desktop(live_server, phone, page, watch, world, screenshot, language):
    _seed(world, language)
    for device, tab in (("phone", phone), ("desktop", page)):
        if device == "desktop":
            tab.set_viewport_size(DESKTOP)
        seen = watch(tab)
        log_in(tab, live_server.url, world.client_a.user)
        tab.goto(f"{live_server.url}/dashboard/me/")
        assert tab.locator("#my-questionnaires .result-card").count() == 2
        assert ("4,67" if language == "nl" else "4.67") in tab.inner_text("#my-questionnaires")
        if language == "nl":  # every number on the page with a decimal comma
            assert re.findall(r"\d\.\d", tab.inner_text("main")) == []
        screenshot(tab, f"my-progress-{device}-{language}")
        _no_sideways_scroll(tab)
        assert seen.csp_violations() == [] and seen.errors() == []


@pytest.mark.parametrize("language", ["en", "nl"])
def test_session_preparation_on_desktop_and_phone(live_server, phone, page, watch, world, screenshot, language):
    _seed(world, language)
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server.url, world.therapist_a)
    phone.context.add_cookies(page.context.cookies())  # one login: a TOTP code is taken once
    for device, tab in (("desktop", page), ("phone", phone)):
        seen = watch(tab)
        tab.goto(f"{live_server.url}/dashboard/clients/{world.client_a.pk}/session/")
        assert tab.locator(".sb-goal-checkins").count() == 2
        assert ("+1,78" if language == "nl" else "+1.78") in tab.inner_text(".sb-new-scores")
        screenshot(tab, f"session-prep-{device}-{language}")
        _no_sideways_scroll(tab)
        assert seen.csp_violations() == [] and seen.errors() == []
