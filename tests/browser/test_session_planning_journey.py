"""A therapist plans a weekly series on the client page and moves one session; the client then
sees the next session on their home page, on their own clock, and adds it to their calendar.
Phone in Dutch, desktop in English; screenshots; no errors, CSP violations, external requests or
sideways scrolling."""

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from django.utils import timezone

from appointments.models import PlannedSession
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": {"plan": "Plan sessions", "next": "Your next session", "move": "Move or cancel"},
    "nl": {"plan": "Sessies plannen", "next": "Je volgende sessie", "move": "Verplaatsen of annuleren"},
}


def _fits(page, width):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"scrollWidth {scroll} on a {width} px screen"


@pytest.mark.parametrize("screen, language", [("phone", "nl"), ("page", "en")])
def test_a_planned_series_reaches_the_clients_home(live_server, request, world, watch, screenshot, screen, language):
    page = request.getfixturevalue(screen)
    if screen == "page":
        page.set_viewport_size({"width": 1366, "height": 900})
    width = 390 if screen == "phone" else 1366
    words = WORDS[language]
    therapist, client = world.therapist_a, world.client_a
    therapist.language, therapist.timezone = language, "Europe/Amsterdam"
    therapist.save(update_fields=["language", "timezone"])
    client.user.language, client.user.timezone = language, "Europe/London"
    client.user.save(update_fields=["language", "timezone"])
    first = timezone.localdate() + dt.timedelta(days=3)
    seen = watch(page)

    log_in(page, live_server.url, therapist)
    page.goto(f"{live_server.url}/clients/{client.pk}/")
    page.get_by_role("link", name=words["plan"]).click()
    page.wait_for_selector("#plan-form")
    page.fill("input[name=day]", first.isoformat())
    page.fill("input[name=at]", "10:00")
    link = page.locator("input[name=link]")
    assert not link.is_visible()  # in person (the default): no link to fill in
    page.check("input[name=mode][value=online]")
    assert link.is_visible()
    page.check("input[name=mode][value=in_person]")
    assert not link.is_visible()
    page.check("input[name=repeat_weeks][value='1']")
    page.fill("input[name=until]", (first + dt.timedelta(weeks=4)).isoformat())
    _fits(page, width)
    screenshot(page, f"plan-form-{screen}-{language}")
    with page.expect_navigation():
        page.locator("#plan-form button[type=submit]").click()
    assert page.locator(".planned-session").count() == 5
    assert "10:00" in page.locator(".planned-session").first.inner_text()
    _fits(page, width)
    screenshot(page, f"client-page-planned-{screen}-{language}")

    # A reload changes nothing (a person reloads to be sure); the second session moves to 14:30.
    page.reload()
    assert PlannedSession.objects.filter(client=client).count() == 5
    page.locator(".planned-session").nth(1).get_by_role("link", name=words["move"]).click()
    page.wait_for_selector("#move-form")
    page.fill("#move-form input[name=at]", "14:30")
    screenshot(page, f"move-form-{screen}-{language}")
    with page.expect_navigation():
        page.locator("#move-form button[type=submit]").click()
    assert "14:30" in page.locator(".planned-session").nth(1).inner_text()

    # The client, on their own phone or computer, an hour behind Amsterdam.
    page.context.clear_cookies()
    log_in(page, live_server.url, client.user)
    page.goto(f"{live_server.url}/me/")
    card = page.locator("#next-session")
    assert words["next"] in card.inner_text()
    assert "09:00–09:50" in card.inner_text() and "Europe/London" in card.inner_text()
    _fits(page, width)
    screenshot(page, f"client-home-next-session-{screen}-{language}")
    with page.expect_download() as download:
        page.locator("#session-ics").click()
    event = next(c for c in icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes()).walk("VEVENT"))
    assert event.decoded("DTSTART") == PlannedSession.objects.filter(client=client).order_by("starts_at")[0].starts_at
    assert page.locator("html").get_attribute("lang") == language
    assert not seen.csp_violations(), seen.csp_violations()
    assert not seen.external_requests(live_server.url)
    # Chromium reports a link answered with a file as an aborted navigation: that is the
    # download itself, nothing failed.
    ics_url = f"{live_server.url}/sessions/"
    errors = [e for e in seen.errors() if not (e.startswith(ics_url) and e.endswith(".ics net::ERR_ABORTED"))]
    assert not errors, errors
