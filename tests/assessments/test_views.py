"""Therapist and client pages, through the real URL stack."""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from assessments import services
from assessments.models import Administration, AssessmentRequest, RequestStatus, Response, Score

from .helpers import TODAY, completed, open_request, uniform

pytestmark = pytest.mark.django_db


def http(user):
    client = HttpClient()
    client.force_login(user)
    return client


# --- Therapist ---------------------------------------------------------------------------------


def test_therapist_assigns_ecr_rs_on_a_schedule_with_targets(world):
    url = reverse("assessments:assign", kwargs={"pk": world.client_a.pk})
    response = http(world.therapist_a).post(
        url,
        {"instrument": "ecr-rs", "targets": ["mother", "friend"], "start_date": "2026-03-02", "interval_weeks": "4"},
    )
    assert response.status_code == 302
    schedule = world.client_a.assessment_schedules.get()
    assert (schedule.instrument, schedule.interval_weeks, sorted(schedule.targets)) == (
        "ecr-rs",
        4,
        ["friend", "mother"],
    )
    assert schedule.created_by == world.therapist_a
    assert schedule.requests.count() == 2


def test_assign_with_bad_input_keeps_what_was_typed(world):
    url = reverse("assessments:assign", kwargs={"pk": world.client_a.pk})
    response = http(world.therapist_a).post(
        url, {"instrument": "ecr-rs", "start_date": "2026-03-02", "interval_weeks": "3", "end_date": "2026-01-01"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose at least one relationship for the ECR-RS." in body
    assert "The end date lies before the first date." in body
    assert 'value="3"' in body and 'value="2026-03-02"' in body
    assert not AssessmentRequest.objects.exists()


def test_history_shows_both_scores_beside_the_corner_and_rc_labels(world):
    # Baseline all 7s: anxiety 6.33, avoidance 3.00; then all 4s: 4.00 / 4.00.
    # Anxiety 6.3333 -> 4: -2.3333 / 0.46 = -5.07 -> improved; avoidance 3 -> 4: +1/0.46 = 2.17 -> worse.
    completed(world.client_a, world.therapist_a, uniform("ecr-r", 7))
    completed(world.client_a, world.therapist_a, uniform("ecr-r", 4), start=TODAY.replace(day=30))
    response = http(world.therapist_a).get(reverse("assessments:client_history", kwargs={"pk": world.client_a.pk}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "6.33" in body and "3.00" in body and "4.00" in body
    assert "Anxious-preoccupied" in body and "Fearful-disorganised" in body
    assert "Anxiety: reliably improved" in body and "Avoidance: reliably worse" in body
    assert "project's own translation" in body
    assert "Provisional figures: no published norm SD confirmed yet; your practice can set its own." in body
    assert "SD 1.15" in body
    # Reliable change explained in words, with its source; no formula.
    assert "A change counts as reliable when it is larger than" in body and "Jacobson &amp; Truax, 1991" in body
    assert not [mark for mark in ("S_diff", "√", "|RCI|", "<code") if mark in body]


def test_practice_override_changes_the_labels_and_shows_its_source(world):
    completed(world.client_a, world.therapist_a, uniform("ecr-r", 7))
    completed(world.client_a, world.therapist_a, uniform("ecr-r", 4), start=TODAY.replace(day=30))
    # SD 3, r .5: S_diff = sqrt(2) * 3 * sqrt(.5) = 3; anxiety -2.33/3 = -0.78, avoidance 1/3 = 0.33
    admin_http = http(world.admin)
    url = reverse("assessments:reliability_edit", kwargs={"slug": "ecr-r"})
    response = admin_http.post(
        url,
        {"anxiety_sd": "3", "anxiety_r": "0.5", "avoidance_sd": "3", "avoidance_r": "0.5", "source": "Our own sample"},
    )
    assert response.status_code == 302
    body = (
        http(world.therapist_a)
        .get(reverse("assessments:client_history", kwargs={"pk": world.client_a.pk}))
        .content.decode()
    )
    assert "Anxiety: no reliable change" in body and "Avoidance: no reliable change" in body
    assert "Our own sample" in body and "Figures set by your practice." in body
    # Another practice keeps the defaults.
    other = http(world.admin_x).get(reverse("assessments:reliability_settings")).content.decode()
    assert "Our own sample" not in other and "SD 1.15" in other
    # The settings page says where the figures come from in the same sentence as the history.
    assert "Provisional figures: no published norm SD confirmed yet; your practice can set its own." in other


def test_reliability_form_rejects_r_of_one_and_keeps_input(world):
    url = reverse("assessments:reliability_edit", kwargs={"slug": "ecr-r"})
    response = http(world.admin).post(
        url, {"anxiety_sd": "1.1", "anxiety_r": "1", "avoidance_sd": "1.1", "avoidance_r": "0.9", "source": "x y"}
    )
    assert response.status_code == 400
    assert 'value="1.1"' in response.content.decode()


def test_item_level_answers_of_an_administration(world):
    submission = completed(world.client_a, world.therapist_a, uniform("ecr-r", 2))
    url = reverse(
        "assessments:administration_detail",
        kwargs={"pk": world.client_a.pk, "administration_pk": submission.administration.pk},
    )
    body = http(world.therapist_a).get(url).content.decode()
    assert "I rarely worry about my partner leaving me." in body
    assert body.count("2 — Disagree") == 36
    # Another therapist's client id in the URL with this administration: 404.
    wrong = reverse(
        "assessments:administration_detail",
        kwargs={"pk": world.client_b.pk, "administration_pk": submission.administration.pk},
    )
    assert http(world.therapist_other).get(wrong).status_code == 404


def test_cancel_schedule_from_the_page(world):
    req = open_request(world.client_a, world.therapist_a)
    url = reverse("assessments:schedule_cancel", kwargs={"pk": world.client_a.pk, "schedule_pk": req.schedule_id})
    assert http(world.therapist_a).post(url).status_code == 302
    req.refresh_from_db()
    assert req.status == RequestStatus.CANCELLED
    # A schedule id of another client under this client's URL: 404, nothing changed.
    other = open_request(world.client_b, world.therapist_other)
    url = reverse("assessments:schedule_cancel", kwargs={"pk": world.client_a.pk, "schedule_pk": other.schedule_id})
    assert http(world.therapist_a).post(url).status_code == 404
    other.refresh_from_db()
    assert other.status == RequestStatus.OPEN


def test_record_section_on_the_therapists_client_page(world):
    completed(world.client_a, world.therapist_a, uniform("ecr-r", 7))
    body = http(world.therapist_a).get(reverse("client_detail", kwargs={"pk": world.client_a.pk})).content.decode()
    assert "Attachment questionnaires" in body
    assert "Anxious-preoccupied" in body and "6.33" in body and "3.00" in body
    assert reverse("assessments:client_history", kwargs={"pk": world.client_a.pk}) in body


# --- Client -------------------------------------------------------------------------------------


def test_due_request_is_listed_on_the_client_home(world):
    open_request(world.client_a, world.therapist_a)
    body = http(world.client_a.user).get(reverse("client_home")).content.decode()
    assert "Experiences in Close Relationships - Revised" in body
    assert "0 of 36 answered" in body
    assert "Experiences in Close" not in http(world.client_b.user).get(reverse("client_home")).content.decode()


def test_fill_page_shows_items_in_published_order_with_progress(world):
    req = open_request(world.client_a, world.therapist_a)
    services.save_answer(world.client_a, req.pk, 1, 5)
    response = http(world.client_a.user).get(reverse("assessments:fill", kwargs={"request_pk": req.pk}))
    body = response.content.decode()
    positions = [body.index(f'id="item-{n}"') for n in range(1, 37)]
    assert positions == sorted(positions)
    assert "1 of 36 answered" in body
    assert 'id="i1-5" value="5" autocomplete="off" checked' in body
    assert "Continue at statement 2" in body
    assert "assessments/fill.js" in body and "<script>" not in body


def test_answer_endpoint_saves_one_answer_and_reports_progress(world):
    req = open_request(world.client_a, world.therapist_a)
    url = reverse("assessments:answer", kwargs={"request_pk": req.pk})
    response = http(world.client_a.user).post(url, {"item": "3", "answer": "6"})
    assert response.status_code == 200
    assert response.json() == {"saved": True, "answered": 1, "total": 36}
    bad = http(world.client_a.user).post(url, {"item": "3", "answer": "9"})
    assert bad.status_code == 400 and bad.json()["saved"] is False
    assert list(Response.objects.values_list("item_number", "answer")) == [(3, 6)]


def test_answer_endpoint_needs_the_csrf_token(world):
    req = open_request(world.client_a, world.therapist_a)
    client = HttpClient(enforce_csrf_checks=True)
    client.force_login(world.client_a.user)
    response = client.post(reverse("assessments:answer", kwargs={"request_pk": req.pk}), {"item": "3", "answer": "6"})
    assert response.status_code == 403
    assert not Response.objects.exists()


def test_another_clients_request_is_404_and_changes_nothing(world):
    req = open_request(world.client_a, world.therapist_a)
    intruder = http(world.client_b.user)
    assert intruder.get(reverse("assessments:fill", kwargs={"request_pk": req.pk})).status_code == 404
    assert intruder.post(reverse("assessments:fill", kwargs={"request_pk": req.pk}), {"item-1": "3"}).status_code == 404
    url = reverse("assessments:answer", kwargs={"request_pk": req.pk})
    assert intruder.post(url, {"item": "1", "answer": "3"}).status_code == 404
    assert not Administration.objects.exists()


def test_without_javascript_the_form_saves_what_was_given(world):
    req = open_request(world.client_a, world.therapist_a)
    url = reverse("assessments:fill", kwargs={"request_pk": req.pk})
    response = http(world.client_a.user).post(url, {"item-1": "2", "item-2": "7", "action": "save"})
    assert response.status_code == 302
    assert dict(Response.objects.values_list("item_number", "answer")) == {1: 2, 2: 7}


def test_submit_with_missing_items_lists_them_and_keeps_the_answers(world):
    req = open_request(world.client_a, world.therapist_a)
    data = {f"item-{n}": "4" for n in range(1, 37) if n not in (5, 33)}
    data["action"] = "submit"
    response = http(world.client_a.user).post(reverse("assessments:fill", kwargs={"request_pk": req.pk}), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Please answer every statement before submitting." in body
    assert '<a href="#item-5">5</a>, <a href="#item-33">33</a>' in body
    assert Response.objects.count() == 34 and not Score.objects.exists()


def test_complete_submit_then_a_repeated_post_is_a_no_op(world):
    req = open_request(world.client_a, world.therapist_a)
    data = {f"item-{n}": "4" for n in range(1, 37)} | {"action": "submit"}
    url = reverse("assessments:fill", kwargs={"request_pk": req.pk})
    client = http(world.client_a.user)
    assert client.post(url, data).status_code == 302
    again = client.post(url, data | {"item-1": "7"}, follow=True)
    assert "already submitted; nothing was changed" in again.content.decode()
    assert Score.objects.count() == 1
    assert Response.objects.get(item_number=1).answer == 4
    answer = client.post(reverse("assessments:answer", kwargs={"request_pk": req.pk}), {"item": "1", "answer": "7"})
    assert answer.status_code == 409
    assert "already submitted" in client.get(url).content.decode()


def test_client_fills_in_dutch(world):
    world.client_a.user.language = "nl"
    world.client_a.user.save()
    req = open_request(world.client_a, world.therapist_a, "ecr-rs", target="mother")
    body = http(world.client_a.user).get(reverse("assessments:fill", kwargs={"request_pk": req.pk})).content.decode()
    assert "Ik ben bang dat deze persoon me in de steek zal laten." in body
    assert "Helemaal mee oneens" in body and "Neutraal / gemengd" in body
    assert "moeder of moederfiguur" in body
    assert "Vragenlijst over nauwe relaties" in body
    assert "0 van 9 beantwoord" in body


def test_client_sees_results_only_when_enabled(world):
    completed(world.client_a, world.therapist_a, uniform("ecr-r", 7))
    client = http(world.client_a.user)
    own_page = reverse("dashboard:my_progress")  # the client's one progress page holds the results
    hidden = client.get(own_page).content.decode()
    assert "has not shared" in hidden and "6.33" not in hidden
    # The switch lives on the client record (clients app); the history page posts to it.
    toggle = reverse("client_results_visibility", kwargs={"pk": world.client_a.pk})
    history = http(world.therapist_a).get(reverse("assessments:client_history", kwargs={"pk": world.client_a.pk}))
    assert toggle in history.content.decode()
    assert http(world.therapist_a).post(toggle, {"visible": "1"}).status_code == 302
    shown = client.get(own_page).content.decode()
    assert "Worry about closeness (anxiety): 6.33 out of 7" in shown
    assert "Discomfort with closeness (avoidance): 3.00 out of 7" in shown
    assert "Anxious-preoccupied" in shown
    assert own_page in client.get(reverse("client_home")).content.decode()
    assert http(world.therapist_a).post(toggle, {"visible": "0"}).status_code == 302
    assert "has not shared" in client.get(own_page).content.decode()


def test_the_old_results_address_moved_permanently_to_the_progress_page(world):
    response = http(world.client_a.user).get(reverse("assessments:my_results"))
    assert response.status_code == 301
    assert response["Location"] == reverse("dashboard:my_progress")


def test_client_results_in_dutch_plain_language(world):
    world.client_a.user.language = "nl"
    world.client_a.user.save()
    world.client_a.results_visible_to_client = True
    world.client_a.save()
    completed(world.client_a, world.therapist_a, uniform("ecr-r", 7))
    completed(world.client_a, world.therapist_a, uniform("ecr-r", 4), start=TODAY.replace(day=30))
    body = http(world.client_a.user).get(reverse("dashboard:my_progress")).content.decode()
    assert "Angstig-vermijdend (gedesorganiseerd)" in body
    assert "duidelijk lager dan aan het begin" in body


def test_a_form_post_with_only_bad_answers_stores_nothing(world):
    req = open_request(world.client_a, world.therapist_a)
    url = reverse("assessments:fill", kwargs={"request_pk": req.pk})
    response = http(world.client_a.user).post(url, {"item-1": "9", "item-99": "3", "action": "save"})
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    assert not Administration.objects.exists()


def test_a_form_post_with_one_bad_answer_stores_nothing_but_shows_the_good_ones_again(world):
    req = open_request(world.client_a, world.therapist_a)
    url = reverse("assessments:fill", kwargs={"request_pk": req.pk})
    response = http(world.client_a.user).post(url, {"item-1": "2", "item-2": "8", "action": "save"})
    assert response.status_code == 400
    assert 'id="i1-2" value="2" autocomplete="off" checked' in response.content.decode()
    assert not Response.objects.exists()


def _queries_for(client_http, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client_http.get(url).status_code == 200
    return len(queries)


def test_history_page_query_count_does_not_grow_with_history(world):
    from datetime import timedelta

    url = reverse("assessments:client_history", kwargs={"pk": world.client_a.pk})
    completed(world.client_a, world.therapist_a, uniform("ecr-r", 4))
    therapist = http(world.therapist_a)
    therapist.get(url)  # warm the session and caches
    one = _queries_for(therapist, url)
    for week in range(1, 5):
        completed(world.client_a, world.therapist_a, uniform("ecr-r", 5), start=TODAY + timedelta(weeks=week))
    assert _queries_for(therapist, url) == one


def test_therapist_history_page_in_dutch(world):
    world.therapist_a.language = "nl"
    world.therapist_a.save()
    completed(world.client_a, world.therapist_a, uniform("ecr-r", 7))
    body = (
        http(world.therapist_a)
        .get(reverse("assessments:client_history", kwargs={"pk": world.client_a.pk}))
        .content.decode()
    )
    assert "eigen vertaling van het project" in body
    assert "Angstig-gepreoccupeerd" in body and "6,33" in body
    assert "Een vragenlijst toewijzen" in body
    assert (
        "Voorlopige waarden: er is nog geen gepubliceerde norm-SD bevestigd; je praktijk kan eigen waarden instellen."
        in body
    )
    # The data file's English reasoning stays in the file: the page cites author and year.
    assert "Provisional, not taken" not in body and "Fraley, Waller &amp; Brennan, 2000" in body
