"""The client's phone app: Chromium finds the manifest and the service worker and has no
objection to installing it (the same check as its install button), in English and Dutch."""

import pytest

from tests.browser.conftest import PHONE, log_in, until_the_worker_controls, watch_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CACHED_URLS = """async () => {
  const paths = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
  }
  return paths;
}"""


def _installability_errors(page) -> list:
    session = page.context.new_cdp_session(page)
    return session.send("Page.getInstallabilityErrors")["installabilityErrors"]


def _wait_for_worker(page) -> str:
    return until_the_worker_controls(page)


@pytest.fixture
def installed_phone(browser_type, browser_type_launch_args, tmp_path):
    """A phone with a browser profile on disk: Chromium offers no install in a private window."""
    context = browser_type.launch_persistent_context(
        tmp_path / "profile", **browser_type_launch_args, **PHONE, locale="en-GB", timezone_id="Europe/Amsterdam"
    )
    page = context.pages[0] if context.pages else context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_logged_in_client_can_install_the_app(live_server, installed_phone, world, screenshot, language):
    phone = installed_phone
    user = world.client_a.user
    user.language = language
    user.save(update_fields=["language"])
    seen = watch_page(phone)
    log_in(phone, live_server.url, user)
    phone.goto(f"{live_server.url}/me/")

    assert _wait_for_worker(phone) == f"{live_server.url}/sw.js"
    manifest_url = phone.locator("link[rel=manifest]").get_attribute("href")
    assert manifest_url == f"/manifest.webmanifest?lang={language}"
    manifest = phone.request.get(live_server.url + manifest_url).json()
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/me/"
    assert any(icon["purpose"] == "maskable" for icon in manifest["icons"])
    if language == "nl":
        assert manifest["name"] == "securebase: dagboek en voortgang"
    phone.reload()
    assert _installability_errors(phone) == []
    # The worker keeps the shell only: nothing it stored is a page with this client's data.
    cached = phone.evaluate(CACHED_URLS)
    assert cached and all(path.startswith(("/static/", "/offline/")) for path in cached), cached
    screenshot(phone, f"{language}-home")
    assert seen.csp_violations() == []
    assert seen.errors() == []
