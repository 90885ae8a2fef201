"""The caseload as a therapist sees it at 1366x900 and on a phone, in English and Dutch.

Measured in Chromium: no cell taller than three lines, every badge on one line, the table no
wider than the page; the plane's words apart and legible. Screenshots land in test-artifacts/
for a person to look at.
"""

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.conftest import ARTIFACTS, log_in
from tests.factories import make_client
from tests.seeding import add_checkin, add_entry, add_goal, add_open_request, add_scores

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}

# Per cell: its content height in lines, and per badge whether it wrapped.
MEASURE = """
() => {
  // measured in lines of the table's body text, whatever the cell's own size
  const body = parseFloat(getComputedStyle(document.querySelector('#caseload tbody td')).lineHeight);
  const lines = (el, own) => {
    const s = getComputedStyle(el);
    const lh = own ? parseFloat(s.lineHeight) : body;
    const inner = el.getBoundingClientRect().height - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom)
      - parseFloat(s.borderTopWidth) - parseFloat(s.borderBottomWidth);
    return inner / lh;
  };
  const cells = [...document.querySelectorAll('#caseload th, #caseload td')].map((el) => ({
    text: el.innerText.replace(/\\s+/g, ' ').trim(), lines: lines(el)}));
  const badges = [...document.querySelectorAll('#caseload .badge')].map((el) => ({
    text: el.innerText.trim(), lines: lines(el, true), rects: el.getClientRects().length}));
  const table = document.querySelector('#caseload');
  const wrap = table.parentElement;
  return {cells, badges, tableWidth: table.scrollWidth, wrapWidth: wrap.clientWidth};
}
"""

# Every <text> of the plane in screen pixels, with its rendered font size.
PLANE = """
(svg) => [...svg.querySelectorAll('text')].map((t) => {
  const r = t.getBoundingClientRect();
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return {text: t.textContent, cls: t.getAttribute('class') || '', x0: r.left, y0: r.top, x1: r.right, y1: r.bottom,
          px: parseFloat(getComputedStyle(t).fontSize) * scale};
})
"""


def _seed(world):
    from safety.models import Alert

    today, now = timezone.localdate(), timezone.now()
    # Client A: every flag at once (worse, overdue, no diary for long, an open alert) and a low-safety entry
    add_scores(world.client_a, [(today - dt.timedelta(days=60), 3.0, 2.5), (today - dt.timedelta(days=30), 4.9, 4.6)])
    add_open_request(world.client_a, today - dt.timedelta(days=21))
    Alert.objects.create(
        client=world.client_a, therapist=world.therapist_a, kind="deterioration", event_key="s:1", event_date=today
    )
    worse = make_client(world.practice, world.therapist_a, name="Noor de Vries-van den Berg")
    add_scores(worse, [(today - dt.timedelta(days=40), 3.0, 2.5), (today - dt.timedelta(days=5), 4.6, 2.7)])
    add_entry(worse, now - dt.timedelta(days=1), shared=True, emotions=[("rejected", 9)], felt_safety=1)
    for i in range(6):
        client = make_client(world.practice, world.therapist_a, name=f"Client {i} Jansen")
        add_scores(client, [(today - dt.timedelta(days=70), 5.5 - i * 0.5, 2.0 + i * 0.6)])
        add_scores(client, [(today - dt.timedelta(days=10), 5.0 - i * 0.4, 2.3 + i * 0.5)])
        goal = add_goal(client, start=today - dt.timedelta(days=30))
        add_checkin(goal, today - dt.timedelta(days=i))
        add_entry(client, now - dt.timedelta(days=i), shared=True, emotions=[("calm", 5)], felt_safety=6)
    # the plane's test case: six administrations within 0.2 of each other
    add_scores(
        worse,
        [(today - dt.timedelta(days=100 - 12 * i), 4.5 + 0.04 * i, 3.6 + 0.03 * (i % 3)) for i in range(6)],
    )


def _log_in(page, live_server, user, language):
    user.language = language
    user.save()
    log_in(page, live_server.url, user)


def _assert_readable(page):
    m = page.evaluate(MEASURE)
    tall = [(c["text"], round(c["lines"], 1)) for c in m["cells"] if c["lines"] > 3.2]
    assert not tall, tall
    wrapped = [(b["text"], round(b["lines"], 1)) for b in m["badges"] if b["lines"] > 1.3 or b["rects"] > 1]
    assert m["badges"] and not wrapped, wrapped
    assert m["tableWidth"] <= m["wrapWidth"] + 1, m


def _assert_plane_clear(page, selector):
    svg = page.locator(selector).first
    svg.scroll_into_view_if_needed()
    texts = svg.evaluate(PLANE)
    box = svg.bounding_box()
    for t in texts:
        assert t["x0"] >= box["x"] - 1 and t["x1"] <= box["x"] + box["width"] + 1, t
        assert t["y0"] >= box["y"] - 1 and t["y1"] <= box["y"] + box["height"] + 1, t
        assert t["px"] >= 8.5, t  # legible after the SVG scales down to the screen
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            apart = a["x1"] <= b["x0"] or b["x1"] <= a["x0"] or a["y1"] <= b["y0"] or b["y1"] <= a["y0"]
            assert apart, (a["text"], b["text"])
    return texts


@pytest.mark.parametrize("language", ["en", "nl"])
def test_caseload_reads_at_1366_and_on_a_phone(live_server, page, phone, watch, world, screenshot, language):
    _seed(world)
    seen = watch(page)
    page.set_viewport_size(DESKTOP)
    _log_in(page, live_server, world.therapist_a, language)
    assert page.url == f"{live_server.url}/dashboard/"  # a therapist lands on the caseload
    assert page.locator("#caseload tbody tr").count() == 8
    screenshot(page, f"caseload-desktop-{language}")
    _assert_readable(page)

    phone.context.add_cookies(page.context.cookies())  # the same session: a TOTP code works once
    phone.goto(f"{live_server.url}/dashboard/")
    screenshot(phone, f"caseload-phone-{language}")
    phone.locator("#caseload tbody tr").first.screenshot(path=str(ARTIFACTS / f"caseload-card-{language}.png"))
    cards = phone.evaluate(MEASURE)
    assert cards["tableWidth"] <= cards["wrapWidth"] + 1  # rows become cards: nothing to scroll sideways
    # A long heading ("Verandering sinds de nulmeting") wraps in its half of the card instead of
    # running into the figure beside it (its cell's nowrap must not reach the heading).
    wraps = phone.evaluate(
        "() => [...document.querySelectorAll('#caseload td[data-label]')]"
        ".map((td) => getComputedStyle(td, '::before').whiteSpace)"
    )
    assert wraps and set(wraps) == {"normal"}, wraps
    assert seen.errors() == []


@pytest.mark.parametrize("language", ["en", "nl"])
def test_progress_plane_reads_on_desktop_and_phone(live_server, page, phone, world, screenshot, language):
    _seed(world)
    worse = world.therapist_a.caseload.get(display_name__startswith="Noor")
    url = f"{live_server.url}/dashboard/clients/{worse.pk}/"
    page.set_viewport_size(DESKTOP)
    _log_in(page, live_server, world.therapist_a, language)
    phone.context.add_cookies(page.context.cookies())
    for view, name in ((page, "desktop"), (phone, "phone")):
        view.goto(url)
        texts = _assert_plane_clear(view, "#plane-caption ~ svg")
        assert len([t for t in texts if "point-label" in t["cls"]]) == 8  # each point a date or its row number
        figure = view.locator("figure:has(#plane-caption)")
        figure.screenshot(path=str(ARTIFACTS / f"plane-{name}-{language}.png"))
        screenshot(view, f"progress-{name}-{language}")
