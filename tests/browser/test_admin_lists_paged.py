"""A practice admin of a big practice pages and searches the People page and the client list,
on a phone in Dutch and a desktop in English (screenshots), without sideways scrolling."""

import pytest

from accounts.models import Invitation, Role, User
from clients.models import Client
from tests.browser.conftest import log_in
from tests.factories import make_practice, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}
WIDE = "() => document.documentElement.scrollWidth"


def _big_practice(language: str):
    practice = make_practice("Big practice")
    admin = make_user(practice, Role.ADMIN, name="Ada Admin", language=language)
    therapists = [make_user(practice, Role.THERAPIST, name=f"Therapist {i:02d}") for i in range(24)]
    users = User.objects.bulk_create(
        User(email=f"client{i}@example.test", name=f"Client {i:04d}", practice=practice, role=Role.CLIENT)
        for i in range(130)
    )
    Client.objects.bulk_create(
        Client(practice=practice, user=u, display_name=u.name, therapist=therapists[i % 24])
        for i, u in enumerate(users)
    )
    for i in range(3):
        Invitation.objects.create(practice=practice, email=f"inv{i}@example.test", name=f"Inv {i}", role=Role.CLIENT)
    return admin


@pytest.mark.parametrize("language,screen", [("nl", "phone"), ("en", "desktop")])
def test_admin_pages_and_searches_a_big_practice(live_server, new_context, language, screen, watch, screenshot):
    from tests.browser.conftest import PHONE

    admin = _big_practice(language)
    context = new_context(**(PHONE if screen == "phone" else {"viewport": DESKTOP}))
    page = context.new_page()
    page.set_default_timeout(10_000)
    seen = watch(page)
    log_in(page, live_server.url, admin)
    words = {
        "nl": {"next": "Volgende", "first": "De eerste 10 van 130 cliënten.", "all": "Alle cliënten", "page": "Pagina"},
        "en": {"next": "Next", "first": "The first 10 of 130 clients.", "all": "All clients", "page": "Page"},
    }[language]

    page.goto(f"{live_server.url}/practice/people/")
    assert page.evaluate(WIDE) <= page.viewport_size["width"]
    assert words["first"] in page.inner_text("main")
    assert page.locator("#clients tbody tr").count() == 10
    assert page.locator("#therapists tbody tr").count() == 20
    screenshot(page, f"{language}-{screen}-people")
    # The therapists' second page lands on the therapists, not the top of the page.
    page.locator("#therapists-h").locator("xpath=..").get_by_role("link", name=words["next"]).click()
    page.wait_for_url("**therapists=2#therapists-h")
    assert page.locator("#therapists tbody tr").count() == 4

    page.get_by_role("link", name=words["all"]).click()
    page.wait_for_url("**/practice/clients/")
    assert page.locator("#practice-clients tbody tr").count() == 50
    assert page.evaluate(WIDE) <= page.viewport_size["width"]
    page.get_by_role("link", name=words["next"]).click()
    page.wait_for_url("**page=2")
    assert f"{words['page']} 2 " in page.inner_text("main")
    screenshot(page, f"{language}-{screen}-clients-page-2")

    page.fill("#id_q", "client 012")
    page.locator("#id_q").press("Enter")
    page.wait_for_url("**q=client+012**")
    names = page.locator("#practice-clients tbody tr td:first-child a").all_inner_texts()
    assert names == [f"Client {i:04d}" for i in range(120, 130)]
    assert page.get_by_role("link", name=words["next"]).count() == 0
    screenshot(page, f"{language}-{screen}-clients-search")
    assert not seen.errors() and not seen.csp_violations() and not seen.external_requests(live_server.url)
