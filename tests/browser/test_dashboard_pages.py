"""The therapist's dashboard and a client's progress page in headless Chromium (screenshots)."""

import datetime as dt

import pytest
from django.utils import timezone

from dashboard.seeding import add_checkin, add_entry, add_gas, add_goal, add_open_request, add_scores
from tests.browser.conftest import log_in
from tests.factories import make_client

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
    assert page.locator("svg.sb-chart").count() == 5
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
