"""Wide tables read on a 390 px phone and stay tables on a 1366 px desktop, in English and Dutch.

The therapist's questionnaire history, the admin's People page and the practice's client list
(demo practice). On a phone each row becomes a card (sb-stack): no cell, date or button may
reach past the screen's edge, not even inside a sideways-scrolling wrapper, where it would be
cut off without the page itself scrolling. Screenshots land in test-artifacts/.
"""

import io

import pytest
from django.core.management import call_command

from accounts.models import User
from clients.management.commands.seed_demo import ADMIN, CLIENTS, DEMO_PASSWORD, THERAPISTS
from clients.models import Client
from tests.browser.conftest import ARTIFACTS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}
TABLES = {"history": "#history-table", "people": "#therapists, #clients", "practice-clients": "#practice-clients"}

# What sticks out of the screen, what hides in a scrolling wrapper, and how each table is laid out.
MEASURE = """
({edge, selector}) => {
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + [...el.classList].slice(0, 2).map((c) => "." + c).join("");
  const outside = [...document.querySelectorAll("main *")].filter((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && (r.right > edge + 1 || r.left < -1);
  }).slice(0, 5).map((el) => name(el) + " " + Math.round(el.getBoundingClientRect().right) + "px: "
    + el.innerText.trim().slice(0, 30));
  const scrolling = [...document.querySelectorAll(".table-responsive")]
    .filter((w) => w.scrollWidth > w.clientWidth + 1).map((w) => name(w.firstElementChild));
  const tables = [...document.querySelectorAll(selector)].map((t) => ({
    id: t.id,
    head: getComputedStyle(t.querySelector("thead")).display,
    cell: getComputedStyle(t.querySelector("tbody td")).display,
    rows: t.querySelectorAll("tbody tr").length,
  }));
  // A column's name taller than its cell spills over the next line of the card.
  const spilling = [...document.querySelectorAll(selector.split(",").map((s) => s + " td[data-label]").join(","))]
    .filter((td) => td.offsetParent !== null
      && parseFloat(getComputedStyle(td, "::before").height) > td.getBoundingClientRect().height + 1)
    .map((td) => td.dataset.label);
  return {outside, scrolling, tables, spilling, page: document.documentElement.scrollWidth};
}
"""


def _measure(page, edge: int, selector: str) -> dict:
    return page.evaluate(MEASURE, {"edge": edge, "selector": selector})


def _log_in(page, live_server, email: str, totp_secret: str, language: str) -> None:
    user = User.objects.get(email=email)
    user.language = language
    user.save(update_fields=["language"])
    log_in(page, live_server.url, user, password=DEMO_PASSWORD, totp_secret=totp_secret)


def _check(page, phone, url: str, name: str, language: str, screenshot) -> None:
    selector = TABLES[name]
    page.goto(url)
    screenshot(page, f"{name}-desktop-{language}")
    wide = _measure(page, DESKTOP["width"], selector)
    assert wide["outside"] == [] and wide["scrolling"] == [], wide
    assert wide["tables"] and all(t["head"] != "none" and t["cell"] == "table-cell" for t in wide["tables"]), wide

    phone.goto(url)
    for i, table in enumerate(phone.locator(selector).all()):
        # at CSS pixels, so a person sees the cards at the size a phone shows them
        table.screenshot(path=str(ARTIFACTS / f"table-{name}-{i}-phone-{language}.png"), scale="css")
    narrow = _measure(phone, 390, selector)
    assert narrow["page"] <= 391, narrow
    assert narrow["outside"] == [], narrow  # nothing cut off at the edge, not even in a scrolling wrapper
    assert narrow["scrolling"] == [], narrow
    assert narrow["spilling"] == [], narrow
    assert all(t["head"] == "none" and t["cell"] != "table-cell" and t["rows"] for t in narrow["tables"]), narrow


@pytest.mark.parametrize("language", ["en", "nl"])
def test_history_people_and_client_list_fit_a_phone_and_stay_tables_on_a_desktop(
    live_server, page, phone, screenshot, language
):
    call_command("seed_demo", stdout=io.StringIO())
    lotte = Client.objects.get(user__email=CLIENTS[0][0].email)
    page.set_viewport_size(DESKTOP)

    _log_in(page, live_server, THERAPISTS[0].email, THERAPISTS[0].totp_secret, language)
    phone.context.add_cookies(page.context.cookies())  # the same session: a TOTP code works once
    _check(page, phone, f"{live_server.url}/assessments/clients/{lotte.pk}/", "history", language, screenshot)

    page.context.clear_cookies()
    phone.context.clear_cookies()
    _log_in(page, live_server, ADMIN.email, ADMIN.totp_secret, language)
    phone.context.add_cookies(page.context.cookies())
    _check(page, phone, f"{live_server.url}/practice/people/", "people", language, screenshot)
    _check(page, phone, f"{live_server.url}/practice/clients/", "practice-clients", language, screenshot)
