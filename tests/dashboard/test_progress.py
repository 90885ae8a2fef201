"""Client progress page, the client's own view, the report and session preparation."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clients.models import TherapySession
from dashboard import selectors
from tests.seeding import add_checkin, add_entry, add_gas, add_goal, add_open_request, add_scores

pytestmark = pytest.mark.django_db


def _login(user):
    http = HttpClient()
    http.force_login(user)
    return http


def _seed_records(client, weeks: int, *, per_week_entries: int = 1):
    today = timezone.localdate()
    now = timezone.now()
    add_scores(
        client, [(today - dt.timedelta(weeks=4 * i), 5.0 - 0.1 * i, 4.5) for i in range(max(1, weeks // 4), 0, -1)]
    )
    # ECR-RS: more relationships and more administrations each as the history grows.
    for target in ("partner", "mother", "father", "friend")[: max(1, weeks // 4)]:
        add_scores(
            client,
            [(today - dt.timedelta(weeks=4 * i), 4.0 + 0.1 * i, 3.5) for i in range(max(1, weeks // 4), 0, -1)],
            instrument="ecr-rs",
            target=target,
        )
    goal = add_goal(client, start=today - dt.timedelta(weeks=weeks))
    for w in range(weeks):
        for k in range(per_week_entries):
            add_entry(
                client,
                now - dt.timedelta(weeks=w, hours=k),
                shared=True,
                emotions=[("sad", 4 + k % 5), ("calm", 3)],
                felt_safety=5,
            )
        add_checkin(goal, today - dt.timedelta(weeks=w))
        if w % 4 == 0:
            add_gas(goal, today - dt.timedelta(weeks=w), level=(w // 4) % 3 - 1)


def _queries(http, url):
    http.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = http.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["client_progress", "report", "my_progress"])
def test_progress_page_runs_the_same_number_of_queries_for_few_and_many_records(world, page):
    if page == "my_progress":
        world.client_a.results_visible_to_client = True
        world.client_a.save()
        http = _login(world.client_a.user)
        url = reverse("dashboard:my_progress")
    else:
        http = _login(world.therapist_a)
        url = reverse(f"dashboard:{page}", args=[world.client_a.pk])
    _seed_records(world.client_a, weeks=2)
    few = _queries(http, url)
    _seed_records(world.client_a, weeks=16, per_week_entries=4)
    many = _queries(http, url)
    assert few == many, f"{few} queries with few records, {many} with many"
    # the ECR-RS section is drawn in both runs: 1 relationship at first, all 4 with many records
    assert selectors.client_progress(world.therapist_a, world.client_a).relationships.series[3].target == "friend"


def test_private_entries_are_left_out_of_every_chart_for_the_therapist(world):
    now = timezone.now()
    add_entry(world.client_a, now - dt.timedelta(days=1), shared=True, emotions=[("sad", 6)], felt_safety=4)
    add_entry(world.client_a, now - dt.timedelta(days=1), shared=False, emotions=[("jealous", 9)], felt_safety=0)
    progress = selectors.client_progress(world.therapist_a, world.client_a)
    assert [(e.emotion, e.count) for e in progress.emotion_weeks] == [("Sad", 1)]
    assert [(s.entries, s.mean_safety) for s in progress.safety_weeks] == [(1, 4.0)]
    html = _login(world.therapist_a).get(reverse("dashboard:client_progress", args=[world.client_a.pk])).content
    assert b"Jealous" not in html
    # the client's own view counts their private entry too
    own = selectors.client_progress(world.client_a.user, world.client_a)
    assert sorted(e.emotion for e in own.emotion_weeks) == ["Jealous", "Sad"]


def test_unsharing_removes_an_entry_from_the_charts(world):
    entry = add_entry(world.client_a, timezone.now(), shared=True, emotions=[("hurt", 7)])
    assert selectors.client_progress(world.therapist_a, world.client_a).emotion_weeks
    entry.shared = False
    entry.save()
    assert selectors.client_progress(world.therapist_a, world.client_a).emotion_weeks == []


def test_progress_page_shows_charts_tables_and_reliable_change(world):
    today = timezone.localdate()
    add_scores(world.client_a, [(today - dt.timedelta(days=60), 5.5, 5.5), (today - dt.timedelta(days=3), 3.0, 5.4)])
    goal = add_goal(world.client_a, "Ask for help", start=today - dt.timedelta(days=60))
    add_gas(goal, today - dt.timedelta(days=10), 1)
    response = _login(world.therapist_a).get(reverse("dashboard:client_progress", args=[world.client_a.pk]))
    html = response.content.decode()
    # five charts, the four drawn against time twice: for a desktop and for a phone (dashboard.charts.layout)
    assert html.count("<svg") == 9 and html.count("sb-chart-phone") == 4 and html.count("<table") == 5
    assert "reliably improved" in html and "no reliable change" in html
    # the corner always next to both scores (latest: anxiety 3.0, avoidance 5.4)
    assert "Avoidant-dismissing (anxiety 3.00, avoidance 5.40)" in html
    assert "style=" not in html and "<script>" not in html
    progress = selectors.client_progress(world.therapist_a, world.client_a)
    assert [r.t_score for r in progress.gas_reviews] == [60.0]  # one goal at +1: 50 + 10·1/√1


def test_gas_t_score_per_review_uses_each_goals_latest_rating(world):
    today = timezone.localdate()
    g1 = add_goal(world.client_a, "One", start=today - dt.timedelta(days=90))
    g2 = add_goal(world.client_a, "Two", start=today - dt.timedelta(days=90))
    add_gas(g1, today - dt.timedelta(days=60), -1)
    add_gas(g1, today - dt.timedelta(days=30), 1)
    add_gas(g2, today - dt.timedelta(days=30), 1)
    reviews = selectors.gas_reviews(world.therapist_a, world.client_a)
    # review 1: one goal at −1 → 40.0; review 2: both at +1 → 50 + 10·2/√(0.7·2 + 0.3·4) = 62.4
    assert [(r.t_score, r.goals_rated) for r in reviews] == [(40.0, 1), (62.4, 2)]


def test_client_sees_own_scores_in_plain_language_only_when_enabled(world):
    http = _login(world.client_a.user)
    url = reverse("dashboard:my_progress")
    add_scores(world.client_a, [(timezone.localdate(), 3.0, 2.0)])
    assert "Worry about closeness" not in http.get(url).content.decode()
    world.client_a.results_visible_to_client = True
    world.client_a.save()
    response = http.get(url)
    assert response.status_code == 200
    assert "Worry about closeness" in response.content.decode()
    # and the therapist's pages stay closed to the client
    assert http.get(reverse("dashboard:client_progress", args=[world.client_a.pk])).status_code == 404


def test_progress_page_in_dutch(world):
    world.therapist_a.language = "nl"
    world.therapist_a.save()
    add_scores(world.client_a, [(timezone.localdate(), 3.0, 2.0)])
    html = _login(world.therapist_a).get(reverse("dashboard:client_progress", args=[world.client_a.pk])).content
    html = html.decode()
    assert "Hechtingsvlak" in html and "Angst en vermijding door de tijd" in html
    assert "Veilig" in html


def test_session_prep_lists_what_happened_since_the_last_session(world):
    today = timezone.localdate()
    TherapySession.objects.create(client=world.client_a, held_on=today - dt.timedelta(days=7))
    now = timezone.now()
    add_entry(world.client_a, now - dt.timedelta(days=10), shared=True, emotions=[("angry", 5)])
    add_entry(world.client_a, now - dt.timedelta(days=2), shared=True, emotions=[("lonely", 8)], felt_safety=1)
    add_entry(world.client_a, now - dt.timedelta(days=1), shared=False, emotions=[("ashamed", 9)])
    add_scores(world.client_a, [(today - dt.timedelta(days=3), 4.2, 3.1)])
    goal = add_goal(world.client_a, "Stay in a conflict", start=today - dt.timedelta(days=30))
    add_checkin(goal, today - dt.timedelta(days=2), "partly")
    add_open_request(world.client_a, today - dt.timedelta(days=5))
    response = _login(world.therapist_a).get(reverse("dashboard:session_prep", args=[world.client_a.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lonely 8" in html and "low felt safety" in html
    assert "Angry" not in html  # before the last session
    assert "Ashamed" not in html  # private
    assert "Stay in a conflict" in html and "Partly" in html
    assert "4.20" in html


def test_report_is_printable_and_in_the_therapists_language(world):
    world.therapist_a.language = "nl"
    world.therapist_a.save()
    response = _login(world.therapist_a).get(reverse("dashboard:report", args=[world.client_a.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "dashboard/print.css" in html
    assert "Voortgangsverslag" in html


def test_nav_links_and_client_record_section_point_to_the_dashboard(world):
    therapist = _login(world.therapist_a)
    home = therapist.get(reverse("client_detail", args=[world.client_a.pk])).content.decode()
    assert reverse("dashboard:caseload") in home  # nav link "Dashboard"
    assert reverse("dashboard:client_progress", args=[world.client_a.pk]) in home
    assert reverse("dashboard:session_prep", args=[world.client_a.pk]) in home
    admin_page = _login(world.admin).get(reverse("client_detail", args=[world.client_a.pk])).content.decode()
    assert reverse("dashboard:overview") in admin_page
    assert reverse("dashboard:client_progress", args=[world.client_a.pk]) not in admin_page
    client = _login(world.client_a.user)
    assert reverse("dashboard:my_progress") in client.get(reverse("client_home")).content.decode()
