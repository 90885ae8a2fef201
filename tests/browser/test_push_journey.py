"""Push in Chromium: the devices page, turning notifications on, and the service worker showing a
push and opening its page.

Headless Chromium here has no push service to talk to (Google's is on the internet, and the
tests run without it), so pushManager.subscribe() is attempted but may fail; when it does the
page must say so in words. The server side is covered end to end by tests/push/; here the
worker's push handler gets a synthesised push through CDP (ServiceWorker.deliverPushMessage),
with the same JSON the server encrypts, and must show it as a notification.
"""

import json

import pytest

from push.models import PushSubscription
from push.vapid import new_key_pair
from tests.browser.conftest import PHONE, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"viewport": {"width": 1366, "height": 900}}


@pytest.fixture
def vapid(settings):
    settings.VAPID_PRIVATE_KEY, settings.VAPID_PUBLIC_KEY = new_key_pair()


def _worker_registration(cdp):
    """The id CDP knows the page's service worker registration by, once it is active."""
    found = {}
    cdp.on(
        "ServiceWorker.workerVersionUpdated",
        lambda event: found.update(
            {v["registrationId"]: v for v in event["versions"] if v.get("status") == "activated"}
        ),
    )
    cdp.send("ServiceWorker.enable")
    return found


@pytest.mark.parametrize(("language", "form_factor"), [("nl", "phone"), ("en", "desktop")])
def test_devices_page_turns_notifications_on_or_says_why_not(
    live_server, new_context, watch, world, screenshot, vapid, language, form_factor
):
    user = world.client_a.user
    user.language = language
    user.save(update_fields=["language"])
    context = new_context(**(PHONE if form_factor == "phone" else DESKTOP))
    context.grant_permissions(["notifications"], origin=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    seen = watch(page)
    log_in(page, live_server.url, user)
    page.goto(f"{live_server.url}/accounts/settings/")
    page.click("#push-devices-link")
    assert page.locator("#push-no-devices").is_visible()
    screenshot(page, f"push-devices-{language}-{form_factor}")

    page.click("#push-enable")
    page.wait_for_function(
        "() => !document.getElementById('push-failed').classList.contains('d-none')"
        " || document.getElementById('push-device-list') !== null",
        timeout=20_000,
    )
    subscribed = PushSubscription.objects.filter(user=user).exists()
    if not subscribed:
        # No push service reachable from this machine: the person is told, nothing is stored.
        assert page.locator("#push-failed").is_visible()
    screenshot(page, f"push-devices-after-{language}-{form_factor}")
    if not subscribed:  # the list as it looks with a device (registered as a browser would)
        PushSubscription.objects.create(
            user=user, endpoint="https://fcm.googleapis.com/fcm/send/x", p256dh="k", auth="a", label="Chrome, Android"
        )
    page.reload()
    assert "Chrome, Android" in page.locator("#push-device-list").inner_text()
    screenshot(page, f"push-devices-list-{language}-{form_factor}")
    assert seen.csp_violations() == []
    assert seen.external_requests(live_server.url) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def _shown(page, script: str, seconds: float = 10.0):
    """Poll until the worker has shown the notification: showing it is asynchronous, and the
    promise's value (not the promise itself) says whether it is there yet."""
    for _ in range(int(seconds * 10)):
        value = page.evaluate(script)
        if value:
            return value
        page.wait_for_timeout(100)
    return None


def test_the_service_worker_shows_a_push_and_opens_its_page(live_server, page, world, vapid):
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    log_in(page, live_server.url, world.client_a.user)
    cdp = page.context.new_cdp_session(page)
    registrations = _worker_registration(cdp)
    page.goto(f"{live_server.url}/push/devices/")
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    for _ in range(50):
        if registrations:
            break
        page.wait_for_timeout(100)
    assert registrations, "the service worker never became active"
    registration_id = next(iter(registrations))

    message = {"title": "Tijd voor je dagboek", "body": "Open securebase", "url": "/diary/new/", "tag": "diary"}
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {"origin": live_server.url + "/", "registrationId": registration_id, "data": json.dumps(message)},
    )
    shown = _shown(
        page,
        """() => navigator.serviceWorker.ready
            .then(r => r.getNotifications())
            .then(list => list.length ? list.map(n => ({title: n.title, body: n.body, url: n.data.url})) : null)""",
    )
    assert shown == [{"title": "Tijd voor je dagboek", "body": "Open securebase", "url": "/diary/new/"}]

    # A payload pointing elsewhere is never opened: only a path on this site.
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {
            "origin": live_server.url + "/",
            "registrationId": registration_id,
            "data": json.dumps({"title": "x", "url": "https://evil.example/", "tag": "other"}),
        },
    )
    urls = _shown(
        page,
        """() => navigator.serviceWorker.ready.then(r => r.getNotifications({tag: 'other'}))
            .then(list => list.length ? list.map(n => n.data.url) : null)""",
    )
    assert urls == ["/"]


def test_reminder_settings_offer_push_beside_email_and_in_app(live_server, phone, watch, world, screenshot):
    from reminders.models import Kind, ReminderPreference

    user = world.client_a.user
    user.language = "nl"
    user.save(update_fields=["language"])
    seen = watch(phone)
    log_in(phone, live_server.url, user)
    phone.goto(f"{live_server.url}/reminders/")
    boxes = phone.get_by_label("ook als melding op mijn apparaten")
    assert boxes.count() >= 4  # one per reminder the client has
    boxes.first.scroll_into_view_if_needed()
    screenshot(phone, "reminders-push-nl-phone")
    diary = ReminderPreference.objects.get(user=user, kind=Kind.DIARY)
    assert diary.push is True
    box = phone.locator("fieldset", has_text="Dagboek").locator("input[name$='push']").first
    box.uncheck()
    with phone.expect_navigation():
        phone.locator("main form button[type=submit]").last.click()
    diary.refresh_from_db()
    assert diary.push is False
    assert seen.csp_violations() == []
