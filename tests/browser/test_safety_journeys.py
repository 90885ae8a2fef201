import pytest

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_crisis_page_is_one_tap_from_client_home_on_a_phone(live_server, phone, world, watch, screenshot):
    seen = watch(phone)
    log_in(phone, live_server.url, world.client_a.user)
    phone.goto(f"{live_server.url}/me/")
    help_now = phone.locator("#help-now")
    # Visible without opening the collapsed menu: one tap, not two.
    assert help_now.is_visible()
    help_now.tap()
    phone.wait_for_url("**/safety/crisis/")
    assert phone.locator("#not-monitored").is_visible()
    screenshot(phone, "crisis")
    assert seen.csp_violations() == []


def test_distressing_quick_entry_shows_crisis_resources_right_after_saving(live_server, phone, world, screenshot):
    log_in(phone, live_server.url, world.client_a.user)
    phone.goto(f"{live_server.url}/diary/quick/")
    phone.locator("label.emotion-chip", has_text="Afraid").tap()
    phone.locator("input[type=range][name=intensity]").evaluate(
        "el => { el.value = '10'; el.dispatchEvent(new Event('input', {bubbles: true})); }"
    )
    with phone.expect_navigation():
        phone.locator("form.diary-form button[type=submit]").first.tap()
    prompt = phone.locator("#crisis-prompt")
    assert prompt.is_visible()
    screenshot(phone, "prompt")
    prompt.get_by_role("link", name="Where to get help now").tap()
    phone.wait_for_url("**/safety/crisis/")
    assert phone.locator("#not-monitored").is_visible()


JOURNEY_WORDS = {
    "en": {
        "banner": "What you wrote sounded hard.",
        "help": "Where to get help now",
        "call": "Suicide prevention line 113: 0800-0113 (free, 24/7)",
    },
    "nl": {
        "banner": "Wat je schreef klinkt zwaar.",
        "help": "Waar je nu hulp krijgt",
        "call": "113 Zelfmoordpreventie: 0800-0113 (gratis, 24/7)",
    },
}


@pytest.mark.parametrize("language", ["en", "nl"])
def test_low_felt_safety_entry_banner_call_button_and_no_banner_after_logging_in_again(
    live_server, phone, world, watch, screenshot, language
):
    from safety.demo import CRISIS
    from safety.models import CrisisInfo

    words = JOURNEY_WORDS[language]
    CrisisInfo.objects.create(practice=world.practice, **CRISIS)
    user = world.client_a.user
    user.language = language
    user.save()
    seen = watch(phone)
    log_in(phone, live_server.url, user)

    phone.goto(f"{live_server.url}/diary/quick/")
    chip = phone.locator("input[name=emotion][value=sad]").get_attribute("id")
    phone.locator(f"label[for={chip}]").tap()
    phone.locator("details summary").tap()
    phone.locator("input[name=felt_safety]").fill("1")
    with phone.expect_navigation():
        phone.locator("form.diary-form details button[type=submit]").tap()
    prompt = phone.locator("#crisis-prompt")
    assert prompt.is_visible()
    assert words["banner"] in prompt.inner_text()
    screenshot(phone, f"{language}-banner")

    prompt.get_by_role("link", name=words["help"]).tap()
    phone.wait_for_url("**/safety/crisis/")
    call = phone.locator("a.crisis-call", has_text=words["call"])
    assert call.is_visible() and call.get_attribute("href") == "tel:08000113"
    box = call.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 300  # a thumb-sized, full-width button
    screenshot(phone, f"{language}-crisis")

    phone.locator(".navbar-toggler").tap()
    with phone.expect_navigation():
        phone.locator("form[data-logout] button[type=submit]").tap()
    log_in(phone, live_server.url, user)
    phone.goto(f"{live_server.url}/me/")
    assert phone.locator("#crisis-prompt").count() == 0
    screenshot(phone, f"{language}-after-login")
    assert seen.csp_violations() == []
    assert seen.external_requests(live_server.url) == []


@pytest.mark.parametrize("language", ["en", "nl"])
def test_new_client_reads_the_welcome_on_a_phone_after_accepting(
    live_server, phone, world, watch, screenshot, language
):
    from accounts import services
    from accounts.models import Role

    invitation = services.create_invitation(
        practice=world.practice,
        invited_by=world.admin,
        email=f"new-{language}@example.test",
        name="Fleur",
        role=Role.CLIENT,
        language=language,
        therapist=world.therapist_a,
    )
    seen = watch(phone)
    phone.goto(f"{live_server.url}/accounts/invitation/{invitation.token}/")
    phone.fill("input[name=password1]", "Lighthouse-harbour-77")
    phone.fill("input[name=password2]", "Lighthouse-harbour-77")
    with phone.expect_navigation():
        phone.locator("form button[type=submit]").last.tap()
    phone.wait_for_url("**/me/welcome/")
    heading = {"en": "Your diary is private", "nl": "Je dagboek is privé"}[language]
    assert phone.get_by_role("heading", name=heading).is_visible()
    # Nothing runs off the side of a phone screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, f"{language}-welcome")
    # The welcome is three short screens now; the reminder times are on the last one.
    for step in ("2", "3"):
        with phone.expect_navigation():
            phone.locator("#welcome-next").tap()
        phone.wait_for_url(f"**/me/welcome/{step}/")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.locator("#welcome-reminders a").tap()
    phone.wait_for_url("**/reminders/")
    assert seen.csp_violations() == [] and seen.errors() == []
