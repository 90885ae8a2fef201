"""Diary journeys on a phone: a quick entry in a few taps, and a draft that survives a reload."""

import pytest

from diary.models import DiaryEntry
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_quick_entry_on_a_phone_saves_one_emotion_with_intensity(live_server, phone, watch, world, screenshot):
    seen = watch(phone)
    log_in(phone, live_server.url, world.client_a.user)

    phone.goto(f"{live_server.url}/me/")
    phone.get_by_role("link", name="Quick entry").click()
    phone.wait_for_url(f"{live_server.url}/diary/quick/")
    screenshot(phone, "quick-entry")
    phone.get_by_text("Lonely", exact=True).tap()
    phone.fill("input[name=intensity]", "7")
    assert phone.locator("[data-range-output]").inner_text() == "7"
    with phone.expect_navigation():
        phone.get_by_role("button", name="Save").first.tap()

    entry = DiaryEntry.objects.get(client=world.client_a)
    assert list(entry.emotions.values_list("emotion", "intensity")) == [("lonely", 7)]
    assert not entry.shared
    assert phone.url == f"{live_server.url}/diary/entries/{entry.pk}/"
    assert phone.get_by_text("Saved in your diary.").is_visible()
    screenshot(phone, "saved")
    assert seen.external_requests(live_server.url) == []
    assert seen.csp_violations() == []
    assert seen.errors() == []


def test_draft_survives_a_reload_and_is_cleared_after_saving(live_server, phone, watch, world):
    seen = watch(phone)
    log_in(phone, live_server.url, world.client_a.user)
    phone.goto(f"{live_server.url}/diary/quick/")

    phone.get_by_text("Jealous", exact=True).tap()
    phone.fill("input[name=intensity]", "8")
    phone.locator("details summary").tap()
    phone.fill("textarea[name=what_happened]", "He did not text back all evening")
    phone.wait_for_timeout(400)  # the draft is written 250 ms after the last keystroke
    other_user_key = "securebase:diary:999999:quick"  # left behind by someone else on this phone
    phone.evaluate("k => localStorage.setItem(k, JSON.stringify({savedAt: Date.now(), data: {}}))", other_user_key)
    phone.reload()

    assert phone.evaluate("k => localStorage.getItem(k)", other_user_key) is None

    assert phone.locator("[data-draft-notice]").is_visible()
    assert phone.locator("textarea[name=what_happened]").input_value() == "He did not text back all evening"
    assert phone.locator("input[name=emotion][value=jealous]").is_checked()
    assert phone.locator("input[name=intensity]").input_value() == "8"
    with phone.expect_navigation():
        phone.get_by_role("button", name="Save").first.tap()
    entry = DiaryEntry.objects.get(client=world.client_a)
    assert entry.what_happened == "He did not text back all evening"

    phone.goto(f"{live_server.url}/diary/quick/")
    assert not phone.locator("[data-draft-notice]").is_visible()
    phone.locator("details summary").tap()
    assert phone.locator("textarea[name=what_happened]").input_value() == ""
    assert seen.csp_violations() == []


def test_validation_error_keeps_typed_text_in_the_browser(live_server, phone, world):
    log_in(phone, live_server.url, world.client_a.user)
    phone.goto(f"{live_server.url}/diary/quick/")
    phone.locator("details summary").tap()
    phone.fill("textarea[name=what_happened]", "Typed before forgetting the feeling")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Save").last.tap()

    assert phone.get_by_text("Choose the feeling that fits best.").is_visible()
    assert phone.locator("textarea[name=what_happened]").input_value() == "Typed before forgetting the feeling"
    assert not DiaryEntry.objects.exists()


def test_logging_out_removes_diary_drafts_from_the_phone(live_server, phone, world):
    log_in(phone, live_server.url, world.client_a.user)
    phone.goto(f"{live_server.url}/diary/quick/")
    phone.get_by_text("Lonely", exact=True).tap()
    phone.locator("details summary").tap()
    phone.fill("textarea[name=what_happened]", "Private words typed but not saved")
    phone.wait_for_timeout(400)  # the draft is written 250 ms after the last keystroke
    drafts = "() => Object.keys(localStorage).filter(k => k.startsWith('securebase:'))"
    assert phone.evaluate(drafts) != []

    phone.locator(".navbar-toggler").tap()
    with phone.expect_navigation():
        phone.get_by_role("button", name="Log out").tap()

    # The next person on this phone finds nothing of it.
    phone.goto(f"{live_server.url}/accounts/login/")
    assert phone.evaluate(drafts) == []
