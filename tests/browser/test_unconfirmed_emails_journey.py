"""The practice admin finds an email whose arrival is unknown from the menu and sends it again:
on a phone in Dutch and on a desktop in English (screenshots)."""

import pytest

from reminders.models import Delivery, DeliveryState, Notification, ReminderOccurrence
from tests.browser.conftest import log_in
from tests.reminders.helpers import utc

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def cut_off_email(world):
    """What a worker SIGKILLed inside an email's send window leaves, after the lease."""
    patient = world.client_a
    now = utc("2026-06-10T18:00")
    occurrence = ReminderOccurrence.objects.create(recipient=patient.user, kind="diary", slot=now, created_at=now)
    ReminderOccurrence.objects.filter(pk=occurrence.pk).update(state="sent", sent_at=now)
    Notification.objects.create(recipient=patient.user, kind="diary", title="t", created_at=now, occurrence=occurrence)
    Delivery.objects.create(occurrence=occurrence, channel="in_app", state=DeliveryState.SENT)
    return Delivery.objects.create(occurrence=occurrence, channel="email", state=DeliveryState.UNKNOWN)


@pytest.mark.parametrize(
    ("where", "language", "menu", "button", "done"),
    [
        ("phone", "nl", "E-mails nakijken", "Opnieuw sturen", "Deze week opnieuw gestuurd"),
        ("page", "en", "Emails to check", "Send again", "Sent again this week"),
        ("page", "nl", "E-mails nakijken", "Opnieuw sturen", "Deze week opnieuw gestuurd"),
    ],
)
def test_the_admin_resends_an_unconfirmed_email_from_the_menu(
    live_server, request, watch, world, screenshot, where, language, menu, button, done
):
    browser = request.getfixturevalue(where)
    if where == "page":
        browser.set_viewport_size({"width": 1366, "height": 900})
    world.admin.language = language
    world.admin.save(update_fields=["language"])
    email = cut_off_email(world)
    seen = watch(browser)
    log_in(browser, live_server.url, world.admin)
    if browser.locator(".navbar-toggler").is_visible():
        browser.locator(".navbar-toggler").click()
    browser.get_by_role("link", name=menu).click()
    assert browser.locator("#unconfirmed").is_visible()
    if where == "page":  # the desktop menu, with the extra link, still on one line
        assert browser.locator("nav.navbar").bounding_box()["height"] < 70
    screenshot(browser, f"{language}-list")
    with browser.expect_navigation():
        browser.get_by_role("button", name=button).click()
    assert browser.get_by_text(done).is_visible()
    screenshot(browser, f"{language}-resent")
    email.refresh_from_db()
    assert email.state != DeliveryState.UNKNOWN and email.resent_by == world.admin
    assert seen.external_requests(live_server.url) == []
    assert seen.csp_violations() == []
    assert seen.errors() == []
