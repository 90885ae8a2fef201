"""The goal page fits a phone: its step list (with the client's own edit, move and check-in
buttons) never makes the page scroll sideways at 390 px."""

import datetime as dt

import pytest

from goals import services
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STEPS = [
    "Ask a small favour",
    "Tell my partner in one sentence what I need when the evening gets tense, before it escalates",
    # Long Dutch compounds and a link do not break at spaces.
    "Ouderavondvoorbereidingsgesprekken plannen met de mentor",
    "https://www.example.org/a-very-long-address-that-the-client-pasted-into-a-step",
    "Breathe",
]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_goal_page_does_not_scroll_sideways_on_a_phone(live_server, phone, world, screenshot, language):
    user = world.client_a.user
    user.language = language
    user.save(update_fields=["language"])
    goal = services.create_goal(
        world.client_a,
        by=world.therapist_a,
        title="Stay in the room during a conflict",
        target_per_week=3,
        steps=STEPS,
        level_plus2="I stay and say what I feel, every time",
        level_0="I stay for five minutes",
    )
    services.rate_goal(goal, by=world.therapist_a, date=dt.date.today() - dt.timedelta(days=3), level=1)
    log_in(phone, live_server.url, user)
    phone.goto(f"{live_server.url}/goals/{goal.pk}/")
    phone.wait_for_selector("#steps")
    assert phone.locator("#steps li").count() == len(STEPS)
    screenshot(phone, f"goal-detail-{language}")
    width = phone.evaluate("document.documentElement.scrollWidth")
    wide = phone.evaluate(
        """() => [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > 390.5)
              .map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').trim().slice(0, 40))
              .slice(0, 8)"""
    )
    assert width <= 390, f"scrollWidth {width}; wider than the screen: {wide}"
