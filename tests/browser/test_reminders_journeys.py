"""Reminder journeys on a phone: the client sets their reminders; an email's stop link works logged out."""

from datetime import time

import pytest

from reminders.models import Channel, Kind, ReminderPreference
from reminders.services import unsubscribe_url
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_client_sets_diary_reminder_time_days_quiet_hours_and_channel(live_server, phone, watch, world, screenshot):
    seen = watch(phone)
    log_in(phone, live_server.url, world.client_a.user)
    phone.goto(f"{live_server.url}/reminders/")
    phone.fill("input[name='diary-local_time']", "07:15")
    for weekend in ("6", "7"):
        phone.locator(f"input[name='diary-days'][value='{weekend}']").uncheck()
    phone.fill("input[name='diary-quiet_start']", "22:00")
    phone.fill("input[name='diary-quiet_end']", "06:30")
    phone.select_option("select[name='diary-channel']", Channel.IN_APP)
    screenshot(phone, "reminder-settings")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Save").tap()
    assert phone.get_by_text("Your reminder settings are saved.").is_visible()
    pref = ReminderPreference.objects.get(user=world.client_a.user, kind=Kind.DIARY)
    assert (pref.local_time, pref.days, pref.quiet_start, pref.quiet_end, pref.channel) == (
        time(7, 15),
        "12345",
        time(22, 0),
        time(6, 30),
        Channel.IN_APP,
    )
    assert seen.external_requests(live_server.url) == []
    assert seen.csp_violations() == []
    assert seen.errors() == []


def test_stop_link_from_an_email_works_without_logging_in(live_server, settings, phone, watch, world):
    settings.SITE_URL = live_server.url
    seen = watch(phone)
    phone.goto(unsubscribe_url(world.client_a.user, Kind.DIARY))
    assert ReminderPreference.objects.get(user=world.client_a.user, kind=Kind.DIARY).enabled  # GET alone: no change
    with phone.expect_navigation():
        phone.get_by_role("button", name="Yes, stop this reminder").tap()
    assert phone.get_by_text("Reminder stopped").first.is_visible()
    assert not ReminderPreference.objects.get(user=world.client_a.user, kind=Kind.DIARY).enabled
    assert ReminderPreference.objects.get(user=world.client_a.user, kind=Kind.ASSESSMENT_DUE).enabled
    assert seen.csp_violations() == []
    assert seen.errors() == []
