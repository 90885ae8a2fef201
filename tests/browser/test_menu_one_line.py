"""The main menu of every role fits on one line on a desktop, in English and Dutch.

Measured in Chromium (demo practice, with unread notifications) at 1366 px and at 1200 px,
the narrowest width where the menu opens out: every link and the client's Help now button on
one line, all on one row, nothing past the container's edge. Below 1200 px the menu folds
behind the toggler (ten Dutch admin links need about 1100 px).
"""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from clients.management.commands.seed_demo import ADMIN, CLIENTS, DEMO_PASSWORD, THERAPISTS
from reminders.models import Kind, Notification
from tests.browser.conftest import ARTIFACTS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1366, 1200)
ROLES = {
    "client": (CLIENTS[0][0].email, ""),
    "therapist": (THERAPISTS[0].email, THERAPISTS[0].totp_secret),
    "admin": (ADMIN.email, ADMIN.totp_secret),
}

MEASURE = r"""
() => {
  const nav = document.querySelector("nav.navbar");
  const box = nav.querySelector(".container").getBoundingClientRect();
  const items = [...nav.querySelectorAll(".nav-link, #help-now, .navbar-brand")].map((el) => {
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    // lines of text, whatever the element's own height (the Help now button is 44 px tall)
    const range = document.createRange();
    range.selectNodeContents(el);
    // .visually-hidden words are a 1 px box: not a line anyone sees
    const shown = [...range.getClientRects()].filter((rect) => rect.width > 1 && rect.height > 1);
    // a new line starts where a box begins below the bottom of the line before (a badge is
    // taller than the words beside it, yet on the same line)
    let lines = 0, bottom = -Infinity;
    for (const rect of shown.sort((a, b) => a.top - b.top)) {
      if (rect.top >= bottom - 2) lines += 1;
      bottom = Math.max(rect.top >= bottom - 2 ? rect.bottom : bottom, rect.bottom);
    }
    const text = el.innerText.trim().replace(/\s+/g, " ");
    return {text, lines, left: r.left, right: r.right, top: r.top, width: r.width};
  });
  const toggler = getComputedStyle(nav.querySelector(".navbar-toggler")).display;
  return {items, left: box.left, right: box.right, toggler};
}
"""


def _problems(m: dict) -> list[str]:
    problems = []
    for item in m["items"]:
        if item["lines"] > 1:
            problems.append(f"{item['text']!r} on two lines")
        if item["right"] > m["right"] + 1 or item["left"] < m["left"] - 1:
            problems.append(f"{item['text']!r} past the edge")
    tops = {round(item["top"] / 10) for item in m["items"] if item["text"] != "securebase"}
    if len(tops) > 1:
        problems.append(f"links on more than one row: {sorted(tops)}")
    return problems


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_roles_menu_fits_one_line_on_a_desktop(live_server, page, language):
    call_command("seed_demo", stdout=io.StringIO())
    for email, _secret in ROLES.values():  # the longest menu: a count of unread notifications
        user = User.objects.get(email=email)
        Notification.objects.create(recipient=user, kind=Kind.DIARY, title="x", created_at=timezone.now())
    problems = []
    for role, (email, secret) in ROLES.items():
        user = User.objects.get(email=email)
        user.language = language
        user.save(update_fields=["language"])
        page.context.clear_cookies()
        page.set_viewport_size({"width": 1366, "height": 900})
        log_in(page, live_server.url, user, password=DEMO_PASSWORD, totp_secret=secret)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{live_server.url}/accounts/settings/")
            page.locator("nav.navbar").screenshot(path=str(ARTIFACTS / f"menu-{role}-{width}-{language}.png"))
            m = page.evaluate(MEASURE)
            assert m["toggler"] == "none", (role, width)
            problems += [f"{role} at {width}px: {p}" for p in _problems(m)]
        page.set_viewport_size({"width": 1199, "height": 900})
        assert page.evaluate(MEASURE)["toggler"] != "none", role  # folded behind the toggler
    assert problems == [], "\n".join(problems)
