"""A client fills in the ECR-R on a phone: answers survive a reload, and submission needs all."""

import re

import pytest

from assessments.models import Response, Score
from tests.assessments.helpers import open_request
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answer(page, number: int, value: int) -> None:
    # Wait for the fetch() that saves this answer, so the test knows it reached the server.
    with page.expect_response(lambda r: r.url.endswith("/answer/") and r.request.method == "POST") as saved:
        page.locator(f"label[for=i{number}-{value}]").click()
    assert saved.value.status == 200


def test_client_answers_reloads_resumes_and_submits_on_a_phone(live_server, phone, watch, world, screenshot):
    req = open_request(world.client_a, world.therapist_a)
    seen = watch(phone)
    log_in(phone, live_server.url, world.client_a.user)

    phone.get_by_role("link", name=re.compile("Experiences in Close Relationships")).click()
    phone.wait_for_url(re.compile(rf"/assessments/requests/{req.pk}/$"))
    assert phone.locator("#progress-text").inner_text() == "0 of 36 answered"

    for number in range(1, 11):
        answer(phone, number, 5 if number % 2 else 3)
    assert phone.locator("#progress-text").inner_text() == "10 of 36 answered"
    assert Response.objects.filter(administration__request=req).count() == 10

    # A reload (or a closed tab opened again) keeps every answer and resumes at statement 11.
    phone.reload()
    for number in range(1, 11):
        assert phone.locator(f"#i{number}-{5 if number % 2 else 3}").is_checked()
    assert phone.locator("#progress-text").inner_text() == "10 of 36 answered"
    assert phone.locator("#resume-link").inner_text() == "Continue at statement 11"
    # The page scrolls there once it has loaded (smoothly on some phones): wait for it, bounded.
    in_view = (
        "() => { const t = document.getElementById('item-11').getBoundingClientRect().top; return t >= 0 && t < 844; }"
    )
    assert phone.wait_for_function(in_view, timeout=5_000), "the page should open at the first unanswered statement"
    screenshot(phone, "resumed")

    # Submitting too early names the missing statements and loses nothing.
    phone.locator("#submit-button").click()
    phone.wait_for_load_state()
    assert "Still open:" in phone.locator("#missing-alert").inner_text()
    assert phone.locator("#missing-alert a").first.inner_text() == "11"
    assert not Score.objects.exists()
    assert phone.locator("#i1-5").is_checked()

    for number in range(11, 37):
        answer(phone, number, 4)
    assert phone.locator("#progress-text").inner_text() == "36 of 36 answered"
    phone.locator("#submit-button").click()
    phone.wait_for_url(f"{live_server.url}/me/")
    assert "Your answers are submitted" in phone.content()
    score = Score.objects.get(administration__request=req)
    # Items 1-10: odd 5, even 3; item 9 (reversed, answered 5) counts 3. Anxiety items 1-10
    # keyed: 5,3,5,3,5,3,5,3,3,3 = 38; items 11-18 answered 4 (11 reversed: 4) = 32 -> 70/18 = 3.8889.
    # Avoidance: all 4 -> 4.0000. Corner: anxiety < 4, avoidance >= 4 -> avoidant.
    assert (str(score.anxiety), str(score.avoidance), score.corner) == ("3.8889", "4.0000", "avoidant")
    assert seen.external_requests(live_server.url) == []
    assert seen.csp_violations() == []
    assert [e for e in seen.errors() if "400" not in e] == []
    screenshot(phone, "submitted")
