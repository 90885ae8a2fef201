"""The therapist's dashboard and a client's progress page in headless Chromium (screenshots)."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.conftest import log_in
from tests.factories import make_client
from tests.seeding import add_checkin, add_entry, add_gas, add_goal, add_open_request, add_scores

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _seed(world):
    today = timezone.localdate()
    now = timezone.now()
    add_scores(
        world.client_a,
        [(today - dt.timedelta(weeks=4 * i), 5.8 - 0.35 * (6 - i), 5.2 - 0.3 * (6 - i)) for i in range(6, -1, -1)],
    )
    goal = add_goal(world.client_a, "Ask for help", target=3, start=today - dt.timedelta(weeks=12))
    goal2 = add_goal(
        world.client_a, "Say 'I feel …' instead of 'you always …'", target=2, start=today - dt.timedelta(weeks=12)
    )
    for day in range(0, 84, 2):
        add_checkin(goal, today - dt.timedelta(days=day))
        if day % 6 == 0:
            add_checkin(goal2, today - dt.timedelta(days=day), "partly")
        add_entry(
            world.client_a,
            now - dt.timedelta(days=day),
            shared=day % 4 != 2,
            emotions=[("lonely", 3 + day % 7), ("jealous", 8 - day % 5)] if day < 40 else [("calm", 6), ("close", 5)],
            felt_safety=min(10, 2 + day // 10),
        )
    for weeks, (l1, l2) in ((8, (-1, -2)), (4, (0, -1)), (0, (1, 0))):
        add_gas(goal, today - dt.timedelta(weeks=weeks), l1)
        add_gas(goal2, today - dt.timedelta(weeks=weeks), l2)
    worse = make_client(world.practice, world.therapist_a, name="Noor de Vries")
    add_scores(worse, [(today - dt.timedelta(days=40), 3.0, 2.5), (today - dt.timedelta(days=5), 4.6, 2.7)])
    add_entry(worse, now - dt.timedelta(days=1), shared=True, emotions=[("rejected", 9)], felt_safety=1)
    quiet = make_client(world.practice, world.therapist_a, name="Sam Jansen")
    add_scores(quiet, [(today - dt.timedelta(days=50), 2.5, 5.5)])
    add_open_request(quiet, today - dt.timedelta(days=20))


def test_therapist_opens_dashboard_and_client_progress(live_server, page, watch, world, screenshot):
    _seed(world)
    seen = watch(page)
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server.url, world.therapist_a)

    page.goto(f"{live_server.url}/dashboard/")
    assert page.get_by_role("heading", name="Caseload at a glance").is_visible()
    assert page.locator("#caseload tbody tr").count() == 3
    assert page.locator("#caseload .sb-flag-deterioration").first.is_visible()
    screenshot(page, "caseload")

    page.get_by_role("link", name="Anxiety").click()
    assert "sort=anxiety" in page.url
    page.select_option("#id_flag", "any")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply").click()
    assert page.locator("#caseload tbody tr").count() == 3  # all three carry a flag (A: felt safety 2)

    page.goto(f"{live_server.url}/dashboard/clients/{world.client_a.pk}/")
    assert page.locator("svg.sb-chart:visible").count() == 5  # the desktop's drawings, not the phone's
    assert page.get_by_text("Attachment plane").first.is_visible()
    screenshot(page, "client-progress")

    page.goto(f"{live_server.url}/dashboard/clients/{world.client_a.pk}/session/")
    assert page.get_by_role("heading", name="New scores").is_visible()
    screenshot(page, "session-prep")

    page.goto(f"{live_server.url}/dashboard/clients/{world.client_a.pk}/report/")
    page.emulate_media(media="print")
    screenshot(page, "report-print")

    assert seen.external_requests(live_server.url) == []
    assert seen.csp_violations() == []
    assert seen.errors() == []


def test_client_sees_own_progress_on_a_phone(live_server, phone, watch, world, screenshot):
    _seed(world)
    world.client_a.results_visible_to_client = True
    world.client_a.save()
    seen = watch(phone)
    log_in(phone, live_server.url, world.client_a.user)
    phone.goto(f"{live_server.url}/dashboard/me/")
    assert phone.get_by_role("heading", name="My progress").is_visible()
    # The latest ECR-R score in lay words (5.8 − 0.35 × 6 = 3.70), not the intro text that also
    # mentions worry about closeness, nor the change since the first questionnaire.
    assert phone.get_by_text("Worry about closeness (anxiety): 3.70 out of 7", exact=True).is_visible()
    screenshot(phone, "my-progress")
    assert seen.csp_violations() == []
    assert seen.errors() == []


# Every <text> of every chart on screen (hidden ones have no box): its size as rendered, in CSS px.
CHART_TEXTS = """
() => [...document.querySelectorAll('svg.sb-chart')].filter((svg) => svg.getBoundingClientRect().width > 0)
  .map((svg) => {
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    const texts = [...svg.querySelectorAll('text')].map((t) => {
      const r = t.getBoundingClientRect();
      return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale, height: r.height,
              x0: r.left, x1: r.right, y0: r.top, y1: r.bottom};
    });
    return {chart: svg.getAttribute('aria-labelledby'), width: box.width,
            box: [box.left, box.top, box.right, box.bottom], texts};
  })
"""

# The scores tables as laid out: wider than their box, or a cell cut off?
SCORE_TABLES = """
() => [...document.querySelectorAll('table.sb-chart-table')].map((t) => ({
  width: t.getBoundingClientRect().width, room: t.parentElement.clientWidth,
  clipped: [...t.querySelectorAll('th, td')].filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.innerText),
  headers: [...t.querySelectorAll('thead th')].map((h) => h.innerText.trim())}))
"""


# Dates in the chart tables broken over two lines (Dutch dates have hyphens to break at), and
# tables wider than their column.
WRAPPED_DATES = """
() => [...document.querySelectorAll('.sb-table-wrap tbody th, .sb-table-wrap tbody td')]
  .filter((c) => /^\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{4}$/.test(c.innerText.trim()))
  .filter((c) => { const r = document.createRange(); r.selectNodeContents(c); return r.getClientRects().length > 1; })
  .map((c) => c.innerText)
"""
WIDE_TABLES = """
() => [...document.querySelectorAll('.sb-table-wrap table')]
  .filter((t) => t.getBoundingClientRect().width > t.parentElement.clientWidth + 1).map((t) => t.caption.innerText)
"""


def _tables_fit(view, what):
    assert view.evaluate(WRAPPED_DATES) == [], what
    assert view.evaluate(WIDE_TABLES) == [], what
    for table in view.evaluate(SCORE_TABLES):
        assert table["width"] <= table["room"] + 1 and not table["clipped"], (what, table)
        assert all(table["headers"]), (what, table)


def _charts_read_on(view, what):
    charts = view.evaluate(CHART_TEXTS)
    assert charts, what
    for chart in charts:
        x0, y0, x1, y1 = chart["box"]
        for t in chart["texts"]:
            where = (what, chart["chart"], t["text"], round(t["px"], 1))
            assert t["x0"] >= x0 - 1 and t["x1"] <= x1 + 1 and t["y0"] >= y0 - 1 and t["y1"] <= y1 + 1, where
        texts = chart["texts"]
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                apart = a["x1"] <= b["x0"] or b["x1"] <= a["x0"] or a["y1"] <= b["y0"] or b["y1"] <= a["y0"]
                assert apart, (what, chart["chart"], a["text"], b["text"])
    return charts


@pytest.mark.parametrize("language", ["en", "nl"])
def test_charts_and_score_tables_read_on_a_phone(live_server, page, phone, world, language):
    """At 390 px every chart word is at least 11 px as rendered, inside its chart and clear of the
    others, and the scores tables fit; at 1366 px the desktop charts show, once each."""
    _seed(world)
    today = timezone.localdate()
    add_scores(
        world.client_a,
        [(today - dt.timedelta(weeks=8), 4.2, 3.1), (today - dt.timedelta(weeks=1), 3.6, 2.9)],
        instrument="ecr-rs",
        target="partner",
    )
    world.client_a.results_visible_to_client = True
    world.client_a.save()
    for user in (world.therapist_a, world.client_a.user):
        user.language = language
        user.save()
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server.url, world.therapist_a)
    phone.context.add_cookies(page.context.cookies())
    urls = {
        "progress": f"{live_server.url}/dashboard/clients/{world.client_a.pk}/",
        "report": f"{live_server.url}/dashboard/clients/{world.client_a.pk}/report/",
    }
    small = []
    for name, url in urls.items():
        page.goto(url)
        assert len(_charts_read_on(page, f"desktop {name}")) == 7  # five charts, the ECR-RS plane and timeline
        assert page.evaluate(WIDE_TABLES) == [] and page.evaluate(WRAPPED_DATES) == [], name
        phone.goto(url)
        charts = _charts_read_on(phone, f"phone {name}")
        assert len(charts) == 7
        small += [(name, c["chart"], t["text"], round(t["px"], 1)) for c in charts for t in c["texts"] if t["px"] < 11]
        _tables_fit(phone, f"phone {name}")
        assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390
    phone.context.clear_cookies()
    log_in(phone, live_server.url, world.client_a.user)
    phone.goto(f"{live_server.url}/dashboard/me/")
    charts = _charts_read_on(phone, "phone my progress")
    small += [("mine", c["chart"], t["text"], round(t["px"], 1)) for c in charts for t in c["texts"] if t["px"] < 11]
    _tables_fit(phone, "phone my progress")
    assert not small, small[:20]
