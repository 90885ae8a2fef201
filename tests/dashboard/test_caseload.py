"""Caseload figures, flags, sharing rule, sorting/filtering and a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dashboard import selectors
from tests.factories import make_client
from tests.seeding import add_checkin, add_entry, add_goal, add_open_request, add_scores

pytestmark = pytest.mark.django_db


def _row(rows, client):
    return next(r for r in rows if r.client.pk == client.pk)


def test_current_scores_change_and_corner_come_from_latest_and_first_ecr_r(world):
    today = timezone.localdate()
    add_scores(world.client_a, [(today - dt.timedelta(days=56), 5.5, 5.0), (today - dt.timedelta(days=28), 4.0, 4.6)])
    row = _row(selectors.caseload(world.therapist_a), world.client_a)
    assert float(row.anxiety) == 4.0 and float(row.avoidance) == 4.6
    assert row.corner == "fearful" and row.corner_label == "Fearful-disorganised"
    # ECR-R defaults: SD 1.15, r .92 → S_diff 0.46; −1.5/0.46 = −3.26 improved, −0.4 no change
    assert row.change_anxiety.label == "improved"
    assert row.change_avoidance.label == "no_change"
    assert selectors.FLAG_DETERIORATION not in row.flags


def test_reliable_deterioration_is_flagged(world):
    today = timezone.localdate()
    add_scores(world.client_a, [(today - dt.timedelta(days=30), 2.0, 2.0), (today - dt.timedelta(days=2), 3.5, 2.1)])
    row = _row(selectors.caseload(world.therapist_a), world.client_a)
    assert row.change_anxiety.label == "worse"
    assert selectors.FLAG_DETERIORATION in row.flags


def test_overdue_flag_only_after_fourteen_days(world):
    today = timezone.localdate()
    add_open_request(world.client_a, today - dt.timedelta(days=15))
    other = make_client(world.practice, world.therapist_a, name="Zed")
    add_open_request(other, today - dt.timedelta(days=14))
    rows = selectors.caseload(world.therapist_a)
    assert _row(rows, world.client_a).overdue_days == 15
    assert selectors.FLAG_OVERDUE in _row(rows, world.client_a).flags
    assert _row(rows, other).overdue_days == 14
    assert selectors.FLAG_OVERDUE not in _row(rows, other).flags


def test_unshared_entries_are_invisible_in_counts_and_flags(world):
    now = timezone.now()
    add_entry(world.client_a, now - dt.timedelta(days=1), shared=False, felt_safety=0)
    add_entry(world.client_a, now - dt.timedelta(days=2), shared=False)
    row = _row(selectors.caseload(world.therapist_a), world.client_a)
    assert row.diary_recent == 0
    assert row.last_shared_at is None
    assert not row.low_safety
    # a private diary does not count as "diary kept" either: the therapist cannot know it exists
    assert selectors.FLAG_NO_DIARY in row.flags
    add_entry(world.client_a, now - dt.timedelta(days=3), shared=True, felt_safety=2)
    row = _row(selectors.caseload(world.therapist_a), world.client_a)
    assert row.diary_recent == 1
    assert row.low_safety and selectors.FLAG_LOW_SAFETY in row.flags
    assert selectors.FLAG_NO_DIARY not in row.flags


def test_no_diary_flag_after_ten_days_without_a_shared_entry(world):
    add_entry(world.client_a, timezone.now() - dt.timedelta(days=11), shared=True, felt_safety=8)
    row = _row(selectors.caseload(world.therapist_a), world.client_a)
    assert row.diary_recent == 0 and selectors.FLAG_NO_DIARY in row.flags


def test_goal_attempts_count_done_and_partly_in_the_last_seven_days(world):
    today = timezone.localdate()
    goal = add_goal(world.client_a, start=today - dt.timedelta(days=30))
    add_checkin(goal, today, "done")
    add_checkin(goal, today - dt.timedelta(days=6), "partly")
    add_checkin(goal, today - dt.timedelta(days=2), "not_yet")
    add_checkin(goal, today - dt.timedelta(days=7), "done")
    assert _row(selectors.caseload(world.therapist_a), world.client_a).attempts_recent == 2


def test_caseload_shows_only_own_active_clients(world):
    paused = make_client(world.practice, world.therapist_a, name="Paused", status="paused")
    rows = selectors.caseload(world.therapist_a)
    names = {r.client.display_name for r in rows}
    assert names == {"Client A"}
    assert paused.pk not in {r.client.pk for r in rows}


def test_sorting_and_filtering_are_server_side(world):
    today = timezone.localdate()
    b = make_client(world.practice, world.therapist_a, name="Bea")
    c = make_client(world.practice, world.therapist_a, name="Cas")
    add_scores(b, [(today, 2.0, 2.0)])
    add_scores(c, [(today, 6.0, 2.0)])
    add_entry(b, timezone.now(), shared=True)
    rows = selectors.caseload(world.therapist_a)
    by_anx = selectors.sort_and_filter(rows, sort="-anxiety")
    assert [r.client.display_name for r in by_anx][:2] == ["Cas", "Bea"]
    assert [r.client.display_name for r in selectors.sort_and_filter(rows, corner="anxious")] == ["Cas"]
    flagged = selectors.sort_and_filter(rows, flag=selectors.FLAG_NO_DIARY)
    assert "Bea" not in {r.client.display_name for r in flagged}
    assert [r.client.display_name for r in selectors.sort_and_filter(rows, query="ca")] == ["Cas"]


def test_caseload_page_sort_links_and_filter_params(world):
    http = HttpClient()
    http.force_login(world.therapist_a)
    response = http.get(reverse("dashboard:caseload"), {"sort": "anxiety", "flag": "any", "q": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-sort="ascending"' in html
    assert "sort=-anxiety" in html and "flag=any" in html
    assert "style=" not in html


def _seed_caseload(world, n):
    today = timezone.localdate()
    now = timezone.now()
    for i in range(n):
        client = make_client(world.practice, world.therapist_a, name=f"Client {i:03d}")
        add_scores(
            client, [(today - dt.timedelta(days=56), 5.0, 5.0), (today - dt.timedelta(days=1), 4.0 + i % 3, 3.0)]
        )
        add_entry(client, now - dt.timedelta(days=i % 12), shared=i % 2 == 0, felt_safety=i % 10)
        goal = add_goal(client, start=today - dt.timedelta(days=30))
        add_checkin(goal, today - dt.timedelta(days=i % 9))
        if i % 4 == 0:
            add_open_request(client, today - dt.timedelta(days=i % 20))


def _count_page_queries(world) -> tuple[int, int]:
    http = HttpClient()
    http.force_login(world.therapist_a)
    url = reverse("dashboard:caseload")
    http.get(url)  # warm caches (content types, instrument registry)
    with CaptureQueriesContext(connection) as ctx:
        response = http.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode().count("<tr")


def test_caseload_runs_the_same_number_of_queries_for_5_and_50_clients(world):
    _seed_caseload(world, 4)  # + client_a = 5
    few, rows_few = _count_page_queries(world)
    _seed_caseload(world, 45)  # 50 in all
    many, rows_many = _count_page_queries(world)
    assert rows_many - rows_few == 45
    assert few == many, f"{few} queries for 5 clients, {many} for 50"


def test_practice_admin_sees_counts_per_therapist_and_no_client_names(world):
    add_open_request(world.client_a, timezone.localdate() - dt.timedelta(days=3))
    http = HttpClient()
    http.force_login(world.admin)
    response = http.get(reverse("dashboard:overview"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Therapist A" in html and "Therapist Other" in html
    assert "Client A" not in html and "Client B" not in html
    rows = {r.therapist.pk: r for r in selectors.practice_overview(world.admin)}
    assert rows[world.therapist_a.pk].active == 1
    assert rows[world.therapist_a.pk].requests_overdue == 1
    assert world.therapist_x.pk not in rows


def test_large_caseload_is_paged_after_sorting_over_all_clients(world):
    today = timezone.localdate()
    for i in range(54):
        client = make_client(world.practice, world.therapist_a, name=f"P{i:02d}")
        add_scores(client, [(today, 1.0 + i / 10, 2.0)])
    http = HttpClient()
    http.force_login(world.therapist_a)
    first = http.get(reverse("dashboard:caseload"), {"sort": "-anxiety"}).content.decode()
    assert first.count('<tr class="sb-flagged">') + first.count("<tr>") - 1 == 50
    assert "P53" in first and "Page 1 of 2" in first  # highest anxiety first, on page 1
    second = http.get(reverse("dashboard:caseload"), {"sort": "-anxiety", "page": 2}).content.decode()
    assert "P00" in second and "Client A" in second  # lowest anxiety and no score last


def test_caseload_in_dutch(world):
    world.therapist_a.language = "nl"
    world.therapist_a.save()
    add_open_request(world.client_a, timezone.localdate() - dt.timedelta(days=20))
    http = HttpClient()
    http.force_login(world.therapist_a)
    html = http.get(reverse("dashboard:caseload")).content.decode()
    assert "Caseload in één oogopslag" in html
    assert "20 dagen te laat" in html
    assert "Vragenlijst &gt; 14 dagen te laat" in html
    assert "Al 10 dagen geen gedeelde dagboeknotitie" in html


def test_open_safety_alert_flags_the_client_until_acknowledged(world):
    from dashboard import selectors
    from safety import services as safety_services
    from safety.models import Alert

    alert = Alert.objects.create(
        client=world.client_a,
        therapist=world.therapist_a,
        kind="deterioration",
        event_key="score:99",
        event_date="2026-11-01",
    )
    rows = {r.client.pk: r for r in selectors.caseload(world.therapist_a)}
    assert selectors.FLAG_ALERT in rows[world.client_a.pk].flags
    assert rows[world.client_a.pk].open_alerts == 1
    safety_services.acknowledge(alert, by=world.therapist_a, status="seen")
    rows = {r.client.pk: r for r in selectors.caseload(world.therapist_a)}
    assert selectors.FLAG_ALERT not in rows[world.client_a.pk].flags
