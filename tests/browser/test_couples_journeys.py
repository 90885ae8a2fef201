"""Couples in a browser: the therapist proposes a link, each partner agrees on their own phone
(one in English, one in Dutch) and chooses to show the plane; then one partner ends the link
and the other's open page shows nothing any more on reload. Screenshots on phones (390×844)
and desktops (1366×900) in both languages."""

import pytest

from tests.browser.conftest import PHONE, log_in
from tests.relationships.helpers import add_couple_scores, make_couple

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _clean(seen, url):
    assert seen.external_requests(url) == []
    assert seen.csp_violations() == []
    assert seen.errors() == []


def _phone(new_context):
    page = new_context(**PHONE).new_page()
    page.set_default_timeout(10_000)
    return page


def _client(world, name, language):
    from tests.factories import make_client

    return make_client(world.practice, world.therapist_a, name=name, language=language, results_visible_to_client=True)


def _agree(page, url, user, *, open_label, agree):
    log_in(page, url, user)
    page.get_by_role("link", name=open_label, exact=True).first.tap()
    page.wait_for_url(f"{url}/couples/mine/")
    with page.expect_navigation():
        page.get_by_role("button", name=agree).tap()


def _show(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name).tap()


def test_consent_journey_therapist_links_and_each_partner_agrees(
    live_server, page, new_context, watch, world, screenshot
):
    url = live_server.url
    marleen, tim = _client(world, "Marleen", "en"), _client(world, "Tim", "nl")
    add_couple_scores(marleen, tim)
    seen_t = watch(page)
    page.set_viewport_size(DESKTOP)
    log_in(page, url, world.therapist_a)
    page.goto(f"{url}/clients/{tim.pk}/")
    page.get_by_role("link", name="Link as partners in couples therapy").click()
    page.select_option("#id_first", label="Marleen")
    page.select_option("#id_second", label="Tim")
    with page.expect_navigation():
        page.get_by_role("button", name="Propose the link").click()
    assert "Waiting until both partners have agreed" in page.inner_text("main")
    assert page.locator("svg.sb-chart").count() == 0  # nothing of either partner yet
    screenshot(page, "en-desktop-therapist-waiting")

    m = _phone(new_context)
    seen_m = watch(m)
    _agree(m, url, marleen.user, open_label="Open", agree="I agree")
    assert "Waiting for Tim to agree." in m.inner_text("main") and _fits(m)
    screenshot(m, "en-phone-marleen-agreed-waiting")

    t = _phone(new_context)
    seen_tim = watch(t)
    _agree(t, url, tim.user, open_label="Openen", agree="Ik stem in")
    _show(t, "Aan mijn partner laten zien")
    assert "Marleen laat het niet aan jou zien." in t.inner_text("main")
    assert t.get_by_role("link", name="Ons vlak openen").count() == 0  # Marleen has not chosen to show it
    screenshot(t, "nl-phone-tim-shows-waiting")

    m.reload()
    _show(m, "Show it to my partner")
    m.get_by_role("link", name="Open our plane").tap()
    m.wait_for_url(f"{url}/couples/*/together/")
    assert "clearly moved toward secure" in m.inner_text("main") and _fits(m)
    assert m.locator("svg.sb-chart ellipse").count() == 4
    screenshot(m, "en-phone-marleen-joint-plane")

    t.reload()
    t.get_by_role("link", name="Ons vlak openen").tap()
    t.wait_for_url(f"{url}/couples/*/together/")
    text = t.inner_text("main")
    assert "Ons vlak" in text and "duidelijk verschoven richting veilig" in text and _fits(t)
    screenshot(t, "nl-phone-tim-joint-plane")

    page.reload()  # the therapist's page now shows the couple
    main = page.inner_text("main")
    assert "moved reliably toward secure (D² 6.05 > 5.99)" in main and "Mahalanobis" in main
    assert page.locator("svg.sb-chart ellipse").count() == 4
    screenshot(page, "en-desktop-therapist-couple")
    for seen in (seen_t, seen_m, seen_tim):
        _clean(seen, url)


def test_unlinking_journey_the_other_partner_sees_nothing_on_reload(
    live_server, page, new_context, watch, world, screenshot
):
    url = live_server.url
    link, marleen, tim = make_couple(world.practice, world.therapist_a, showing=True)
    tim.user.language = "nl"
    tim.user.save(update_fields=["language"])
    add_couple_scores(marleen, tim)
    page.set_viewport_size(DESKTOP)
    seen_t = watch(page)
    log_in(page, url, tim.user)  # Tim, Dutch, at his desktop with the joint plane open
    page.goto(f"{url}/couples/{link.pk}/together/")
    assert "Ons vlak" in page.inner_text("main")
    screenshot(page, "nl-desktop-tim-joint-plane")

    m = _phone(new_context)
    seen_m = watch(m)
    log_in(m, url, marleen.user)
    m.goto(f"{url}/couples/mine/")
    with m.expect_navigation():
        m.get_by_role("button", name="End the link").tap()
    text = m.inner_text("main")
    assert "The couple link has ended." in m.content() and "You are not linked with a partner." in text
    assert "Tim" not in text and _fits(m)
    screenshot(m, "en-phone-marleen-ended")

    response = page.reload()  # Tim's open tab: the plane is gone at once
    assert response.status == 404
    assert "Marleen" not in page.content()
    screenshot(page, "nl-desktop-tim-after-unlinking")
    page.goto(f"{url}/couples/mine/")
    assert "Je bent niet aan een partner gekoppeld." in page.inner_text("main")
    screenshot(page, "nl-desktop-tim-mine-after")

    therapist = _phone(new_context)  # the therapist, on a phone: the couple page is gone too
    log_in(therapist, url, world.therapist_a)
    assert therapist.goto(f"{url}/couples/{link.pk}/").status == 404
    therapist.goto(f"{url}/couples/")
    assert "No couples yet." in therapist.inner_text("main") and _fits(therapist)
    screenshot(therapist, "en-phone-therapist-couples-after")
    _clean(seen_m, url)
    assert seen_t.csp_violations() == [] and seen_t.external_requests(url) == []
    assert [e for e in seen_t.errors() if "404" not in e] == []  # the 404 is the point
