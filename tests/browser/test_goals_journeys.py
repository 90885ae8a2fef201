"""A client checks in on a small-step goal from their phone."""

import pytest

from goals import services
from goals.models import CheckIn
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_client_checks_in_from_the_home_page_on_a_phone(live_server, phone, watch, world, screenshot):
    goal = services.create_goal(
        world.client_a, by=world.therapist_a, title="Ask for help", target_per_week=2, steps=["Ask a small favour"]
    )
    seen = watch(phone)
    log_in(phone, live_server.url, world.client_a.user)

    # Home → the goal due this week → the quick form: three taps and two numbers.
    phone.get_by_role("link", name="Check in").first.tap()
    phone.wait_for_url(f"{live_server.url}/goals/{goal.pk}/check-in/")
    screenshot(phone, "checkin-form")
    phone.locator("label[for=id_outcome_1]").tap()  # "Partly"
    phone.fill("#id_anxiety_before", "7")
    phone.fill("#id_anxiety_after", "4")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Save check-in").tap()

    assert phone.url == f"{live_server.url}/goals/{goal.pk}/"
    assert "Check-in saved" in phone.content()
    assert phone.locator("#weeks tbody tr").first.inner_text().count("1 of 2") == 1
    checkin = CheckIn.objects.get()
    assert (checkin.outcome, checkin.anxiety_before, checkin.anxiety_after) == ("partly", 7, 4)
    assert seen.external_requests(live_server.url) == []
    assert seen.csp_violations() == []
    assert seen.errors() == []
    screenshot(phone, "goal-detail")
