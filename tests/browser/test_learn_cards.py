"""The Learn section on a phone in Dutch and a desktop in English: the index and one card fit
the screen (no sideways scrolling; a card with its buttons on one phone screen), no CSP
violations, no external calls, sources in small print."""

import pytest

from learn.models import CardChoice
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page, width):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"scrollWidth {scroll} on a {width} px screen"


@pytest.mark.parametrize("screen, language", [("phone", "nl"), ("page", "en")])
def test_learn_index_and_card(live_server, request, world, watch, screenshot, screen, language):
    browser_page = request.getfixturevalue(screen)
    width = 390 if screen == "phone" else browser_page.viewport_size["width"]
    user = world.client_a.user
    user.language = language
    user.save(update_fields=["language"])
    CardChoice.objects.create(client=world.client_a, slug="style-anxious", position=0)
    seen = watch(browser_page)
    log_in(browser_page, live_server.url, user)
    browser_page.goto(f"{live_server.url}/learn/")
    assert browser_page.locator("[data-chosen] [data-card=style-anxious]").count() == 1
    _no_sideways_scroll(browser_page, width)
    screenshot(browser_page, f"learn-index-{screen}-{language}")
    browser_page.locator("[data-chosen] [data-card=style-anxious] a").click()
    browser_page.wait_for_selector("#learn-card-h")
    title = "Angstig-gepreoccupeerd" if language == "nl" else "Anxious-preoccupied"
    assert browser_page.locator("#learn-card-h").inner_text() == title
    assert browser_page.locator("html").get_attribute("lang") == language
    _no_sideways_scroll(browser_page, width)
    # The card's text and its previous/next buttons are on the first screen without scrolling.
    next_bottom = browser_page.locator("a[rel=next]").bounding_box()
    assert next_bottom["y"] + next_bottom["height"] <= browser_page.viewport_size["height"]
    screenshot(browser_page, f"learn-card-{screen}-{language}")
    browser_page.locator("a[rel=next]").click()
    browser_page.wait_for_selector("#learn-card-h")
    assert browser_page.locator("[data-sources] li").count() >= 1
    assert not seen.csp_violations(), seen.csp_violations()
    assert not seen.external_requests(live_server.url)
    assert not seen.errors(), seen.errors()


def test_every_card_fits_one_phone_screen_in_dutch(live_server, phone, world):
    """Walking Next through all cards: each card's text and its Next button are on the first
    screen of a 390x844 phone (the sources may follow below)."""
    user = world.client_a.user
    user.language = "nl"
    user.save(update_fields=["language"])
    log_in(phone, live_server.url, user)
    phone.goto(f"{live_server.url}/learn/card/what-is-attachment/")
    seen = []
    while True:
        phone.wait_for_selector("#learn-card-h")
        seen.append(phone.url)
        button = phone.locator("a[rel=next]")
        if not button.count():
            break
        box = button.bounding_box()
        assert box["y"] + box["height"] <= 844, f"{phone.url}: Next at {box['y']:.0f} px"
        button.click()
    assert len(seen) >= 12
