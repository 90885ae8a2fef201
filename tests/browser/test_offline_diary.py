"""The diary without a connection: written on the phone, kept in IndexedDB, sent once when the
connection returns, with the time it was written; logging out leaves nothing on the phone."""

import datetime as dt

import pytest
from django.utils import timezone

from diary.models import DiaryEntry
from diary.services import set_share_new_entries
from tests.browser.conftest import ARTIFACTS, PHONE, log_in, save_screenshot, until_the_worker_controls, watch_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"viewport": {"width": 1366, "height": 900}}
QUEUED = """async () => {
  const db = await new Promise((ok, no) => {
    const r = indexedDB.open("securebase-offline", 1);
    r.onupgradeneeded = () => { r.result.createObjectStore("entries", {keyPath: "key"});
                                r.result.createObjectStore("meta", {keyPath: "name"}); };
    r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error);
  });
  const all = (name) => new Promise((ok) => {
    const q = db.transaction(name).objectStore(name).getAll(); q.onsuccess = () => ok(q.result);
  });
  const result = {entries: await all("entries"), meta: await all("meta")};
  db.close();
  return result;
}"""
WORDS = {
    "en": {
        "waiting": "Saved on this phone, will be sent",
        "sent": "Sent",
        "offline": "You are offline",
        "again": "You are online again.",
    },
    "nl": {
        "waiting": "Opgeslagen op deze telefoon, wordt verstuurd",
        "sent": "Verstuurd",
        "offline": "Je bent offline",
        "again": "Je bent weer online.",
    },
}


def _open(new_context, screen: str):
    context = new_context(**(PHONE if screen == "phone" else DESKTOP))
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def _write_quick_entry(page, emotion: str, story: str):
    page.locator(f"input[name=emotion][value={emotion}] + label").click()
    page.fill("input[name=intensity]", "6")
    page.locator("details summary").click()
    page.fill("textarea[name=what_happened]", story)
    page.locator("form[data-offline-entry] button[type=submit]").first.click()


@pytest.mark.parametrize(("language", "screen"), [("en", "phone"), ("nl", "desktop")])
def test_an_entry_written_offline_arrives_once_with_the_time_it_was_written(
    live_server, new_context, world, language, screen
):
    user = world.client_a.user
    user.language = language
    user.save(update_fields=["language"])
    if language == "nl":
        set_share_new_entries(world.client_a, True)  # the sharing default applies offline too
    words = WORDS[language]
    context, page = _open(new_context, screen)
    seen = watch_page(page)
    log_in(page, live_server.url, user)
    page.goto(f"{live_server.url}/diary/quick/")
    until_the_worker_controls(page)

    context.set_offline(True)
    page.reload()  # no connection: the worker shows the offline diary instead of an error
    assert page.get_by_text(words["offline"], exact=True).is_visible()
    written = page.locator("input[name=occurred_at]").input_value()
    _write_quick_entry(page, "lonely", "On the train, no signal")
    waiting = page.locator("[data-offline-entry-state=waiting]")
    waiting.wait_for()
    assert words["waiting"] in waiting.inner_text()
    # The emptied form for the next entry carries the sharing default again.
    page.wait_for_function(
        "(expected) => document.querySelector('form[data-offline-entry] input[name=shared]').checked === expected",
        arg=language == "nl",
    )
    save_screenshot(page, f"offline-diary-{language}-{screen}-saved-on-phone")

    page.reload()  # still offline: the entry is still on the phone, still waiting
    page.locator("[data-offline-entry-state=waiting]").wait_for()
    second = context.new_page()  # a second tab, offline as well
    second.goto(f"{live_server.url}/diary/")
    second.locator("[data-offline-entry-state=waiting]").wait_for()
    assert DiaryEntry.objects.count() == 0

    context.set_offline(False)  # both tabs try to send it; the idempotency key keeps it single
    page.locator("[data-offline-entry-state=sent]").wait_for()
    assert words["sent"] in page.locator("[data-offline-entry-state=sent]").inner_text()
    second.wait_for_function("() => document.querySelectorAll('[data-offline-entry-state=waiting]').length === 0")
    assert page.locator("[data-online-again]").is_visible()
    assert words["again"] in page.locator("[data-online-again]").inner_text()
    save_screenshot(page, f"offline-diary-{language}-{screen}-sent")

    entry = DiaryEntry.objects.get()
    assert entry.client == world.client_a
    assert entry.what_happened == "On the train, no signal"
    assert list(entry.emotions.values_list("emotion", "intensity")) == [("lonely", 6)]
    assert timezone.localtime(entry.occurred_at).strftime("%Y-%m-%dT%H:%M") == written
    assert abs(timezone.now() - entry.occurred_at) < dt.timedelta(minutes=5)
    assert entry.shared is (language == "nl")
    assert page.evaluate(QUEUED)["entries"] == []
    page.locator("[data-offline-entry-state=sent] a").click()
    page.wait_for_url(f"{live_server.url}/diary/entries/{entry.pk}/")
    assert seen.csp_violations() == []
    context.close()


def test_a_full_entry_written_offline_keeps_every_feeling(live_server, phone, world):
    log_in(phone, live_server.url, world.client_a.user)
    phone.goto(f"{live_server.url}/diary/new/")
    until_the_worker_controls(phone)
    phone.context.set_offline(True)
    phone.reload()  # the full form, offline
    assert phone.locator("form[data-offline-entry=full]").is_visible()
    for emotion, strength in (("lonely", "7"), ("calm", "2")):
        phone.locator(f"input[name=emotion][value={emotion}] + label").click()
        phone.fill(f"input[name=intensity_{emotion}]", strength)
    phone.fill("textarea[name=what_happened]", "Walked home alone")
    phone.locator("form[data-offline-entry] button[type=submit]").click()
    phone.locator("[data-offline-entry-state=waiting]").wait_for()

    phone.context.set_offline(False)
    phone.locator("[data-offline-entry-state=sent]").wait_for()
    entry = DiaryEntry.objects.get()
    assert sorted(entry.emotions.values_list("emotion", "intensity")) == [("calm", 2), ("lonely", 7)]
    assert entry.what_happened == "Walked home alone"


def test_logging_out_removes_entries_waiting_on_the_phone(live_server, phone, world):
    log_in(phone, live_server.url, world.client_a.user)
    phone.goto(f"{live_server.url}/diary/quick/")
    until_the_worker_controls(phone)
    phone.context.set_offline(True)
    _write_quick_entry(phone, "jealous", "Private words that must not stay on this phone")
    phone.locator("[data-offline-entry-state=waiting]").wait_for()
    assert len(phone.evaluate(QUEUED)["entries"]) == 1

    # Back online, but the entry cannot get through before the person logs out.
    phone.context.route("**/diary/sync/", lambda route: route.abort())  # the worker's sync too
    phone.context.set_offline(False)
    phone.locator(".navbar-toggler").tap()
    with phone.expect_navigation():
        phone.get_by_role("button", name="Log out").tap()

    phone.goto(f"{live_server.url}/accounts/login/")
    assert phone.evaluate(QUEUED) == {"entries": [], "meta": []}
    assert DiaryEntry.objects.count() == 0


@pytest.mark.parametrize(("language", "screen"), [("nl", "phone"), ("en", "desktop")])
def test_a_questionnaire_offline_says_it_needs_a_connection_to_submit(
    live_server, new_context, world, language, screen
):
    from tests.assessments.helpers import open_request

    user = world.client_a.user
    user.language = language
    user.save(update_fields=["language"])
    req = open_request(world.client_a, world.therapist_a)
    context, page = _open(new_context, screen)
    log_in(page, live_server.url, user)
    url = f"{live_server.url}/assessments/requests/{req.pk}/"
    page.goto(url)
    with page.expect_response(lambda r: r.url.endswith("/answer/")):
        page.locator("label[for=i1-5]").click()  # saved per item while online
    notice = page.locator("[data-offline-notice]")
    assert not notice.is_visible()

    context.set_offline(True)
    notice.wait_for()
    assert ("submitting needs a connection" if language == "en" else "insturen is een verbinding nodig") in (
        notice.inner_text()
    )
    page.locator("#submit-button").click()
    page.wait_for_timeout(300)
    assert page.url == url  # not sent into an error page: the choices stay on screen
    assert page.locator("#i1-5").is_checked()
    # The screen as seen (the whole 36-statement page is too tall to capture quickly).
    page.screenshot(path=str(ARTIFACTS / f"offline-questionnaire-{language}-{screen}.png"))

    context.set_offline(False)
    notice.wait_for(state="hidden")
    context.close()
