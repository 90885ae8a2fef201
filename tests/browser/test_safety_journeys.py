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
