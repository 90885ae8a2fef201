"""Diary journeys on a phone: a quick entry in a few taps, and a draft that survives a reload."""

import datetime as dt
import re
import uuid

import pytest
from django.utils import timezone

from diary.models import DiaryEntry, Emotion
from diary.services import create_entry
from tests.browser.conftest import PHONE, log_in, save_screenshot, watch_page

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


def chip(page, name: str):
    return page.locator("label.emotion-chip", has_text=re.compile(f"^{name}$"))


def slider(page, name: str):
    return page.get_by_role("slider", name=re.compile(f"^{name}:"))


def test_full_entry_on_a_phone_picks_feelings_by_chip_and_sets_them_with_the_slider(
    live_server, phone, watch, world, screenshot
):
    seen = watch(phone)
    log_in(phone, live_server.url, world.client_a.user)
    phone.goto(f"{live_server.url}/diary/new/")
    assert phone.locator("input[type=number][name^=intensity]").count() == 0
    assert not slider(phone, "Lonely").is_visible()  # a slider shows once its feeling is picked

    chip(phone, "Lonely").tap()
    slider(phone, "Lonely").focus()
    for _ in range(3):
        phone.keyboard.press("ArrowRight")
    chip(phone, "Relieved").tap()
    slider(phone, "Relieved").focus()
    for _ in range(2):
        phone.keyboard.press("ArrowLeft")
    assert phone.locator("[data-range-output=id_intensity_lonely]").inner_text() == "8"
    assert phone.locator("[data-range-output=id_intensity_relieved]").inner_text() == "3"
    phone.fill("textarea[name=what_happened]", "She said she would call and did")
    screenshot(phone, "two-feelings")
    phone.wait_for_timeout(400)  # the draft is written 250 ms after the last change

    phone.reload()
    assert phone.locator("[data-draft-notice]").is_visible()
    assert phone.locator("input[name=emotion][value=lonely]").is_checked()
    assert phone.locator("input[name=emotion][value=relieved]").is_checked()
    assert not phone.locator("input[name=emotion][value=angry]").is_checked()
    assert slider(phone, "Lonely").is_visible() and slider(phone, "Lonely").input_value() == "8"
    assert slider(phone, "Relieved").input_value() == "3"
    assert phone.locator("[data-range-output=id_intensity_lonely]").inner_text() == "8"
    assert phone.locator("textarea[name=what_happened]").input_value() == "She said she would call and did"

    with phone.expect_navigation():
        phone.get_by_role("button", name="Save").tap()
    entry = DiaryEntry.objects.get(client=world.client_a)
    assert sorted(entry.emotions.values_list("emotion", "intensity")) == [("lonely", 8), ("relieved", 3)]

    phone.goto(f"{live_server.url}/diary/entries/{entry.pk}/edit/")
    assert not phone.locator("[data-draft-notice]").is_visible()
    assert phone.locator("input[name=emotion]:checked").evaluate_all("els => els.map(e => e.value)") == [
        "lonely",
        "relieved",
    ]
    assert slider(phone, "Lonely").is_visible() and slider(phone, "Lonely").input_value() == "8"
    assert phone.locator("[data-range-output=id_intensity_relieved]").inner_text() == "3"
    screenshot(phone, "edit")
    assert seen.external_requests(live_server.url) == []
    assert seen.csp_violations() == []
    assert seen.errors() == []


def test_full_entry_works_without_javascript(live_server, browser, world):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    log_in(page, live_server.url, world.client_a.user)
    page.goto(f"{live_server.url}/diary/new/")
    chip(page, "Hurt").tap()
    assert slider(page, "Hurt").is_visible()  # shown by CSS alone
    slider(page, "Hurt").fill("6")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").tap()
    entry = DiaryEntry.objects.get(client=world.client_a)
    assert list(entry.emotions.values_list("emotion", "intensity")) == [("hurt", 6)]
    context.close()


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_full_entry_form_screenshots(live_server, browser, world, language, device):
    user = world.client_a.user
    user.language = language
    user.save()
    made, _ = create_entry(
        world.client_a,
        emotions=[(Emotion.LONELY, 8), (Emotion.RELIEVED, 3)],
        idempotency_key=uuid.uuid4(),
        occurred_at=timezone.now() - dt.timedelta(hours=1),
        what_happened="She said she would call and did",
    )
    options = PHONE if device == "phone" else {"viewport": {"width": 1366, "height": 900}}
    context = browser.new_context(locale={"en": "en-GB", "nl": "nl-NL"}[language], **options)
    page = context.new_page()
    seen = watch_page(page)
    log_in(page, live_server.url, user)
    page.goto(f"{live_server.url}/diary/entries/{made.pk}/edit/")
    assert page.locator("html").get_attribute("lang") == language
    save_screenshot(page, f"full-entry-form-{language}-{device}")
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], "sideways scrolling"
    assert seen.csp_violations() == [] and seen.errors() == []
    context.close()
