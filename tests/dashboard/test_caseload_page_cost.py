"""The caseload page at a size that needs more than one page: it reads every client's flags,
scores and sort keys in one statement and the shown rows' remaining figures in a second, so
its query count does not grow with the caseload, and what it shows is what the one-statement
caseload (selectors.caseload) computes for the same clients."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dashboard import selectors
from dashboard.presenters import caseload_rows_html
from dashboard.selectors.caseload_rows import caseload_page
from dashboard.views import PAGE_SIZE
from tests.factories import make_client
from tests.seeding import add_checkin, add_entry, add_goal, add_open_request, add_scores

pytestmark = pytest.mark.django_db

SORTS = ["", "name", "-change", "due", "-due", "-diary", "attempts", "flags"]


def _seed(world, first: int, n: int):
    """n clients with varied scores, diary, check-ins, requests and schedules."""
    today, now = timezone.localdate(), timezone.now()
    for i in range(first, first + n):
        client = make_client(world.practice, world.therapist_a, name=f"Client {i:03d}")
        if i % 5:
            days = i % 9
            add_scores(
                client, [(today - dt.timedelta(days=56), 5.0, 4.0), (today - dt.timedelta(days=days), 3.0 + i % 4, 3.5)]
            )
        for k in range(i % 4):
            add_entry(client, now - dt.timedelta(days=k * 4 + i % 3), shared=k % 3 != 1, felt_safety=(i + k) % 10)
        goal = add_goal(client, start=today - dt.timedelta(days=30))
        for k in range(i % 3):
            add_checkin(goal, today - dt.timedelta(days=k * 3))
        if i % 6 == 0:
            add_open_request(client, today + dt.timedelta(days=i % 25 - 20))


def _caseload_statements(url: str, http) -> tuple[int, int, str]:
    http.get(url)  # warm caches (content types, instrument registry)
    with CaptureQueriesContext(connection) as ctx:
        response = http.get(url)
    assert response.status_code == 200
    caseload = sum(1 for q in ctx.captured_queries if "AS diary_recent" in q["sql"])
    flags = sum(1 for q in ctx.captured_queries if "AS deteriorated" in q["sql"])
    return len(ctx.captured_queries), (caseload, flags), response.content.decode()


def test_the_page_costs_the_same_statements_for_70_and_130_clients(world):
    http = HttpClient()
    http.force_login(world.therapist_a)
    url = reverse("dashboard:caseload")

    def cost():
        return {sort: _caseload_statements(f"{url}?sort={sort}", http)[:2] for sort in ("", "-diary")}

    _seed(world, 0, 5)  # + client_a = 6: fits on one page, one statement
    small = cost()
    _seed(world, 5, 64)  # 70: two pages
    large = cost()
    _seed(world, 69, 60)  # 130: three pages
    assert cost() == large
    assert {sort: queries + 1 for sort, (queries, _) in small.items()} == {s: q for s, (q, _) in large.items()}
    # Every client's flags and sort keys (sorting by the diary count: that one too), then the
    # shown rows' remaining figures alone (their scores and flags are known by then).
    assert (small[""][1], large[""][1], large["-diary"][1]) == ((1, 1), (2, 1), (2, 1))
    assert "Page 1 of 3" in _caseload_statements(url, http)[2]


def _same_as_one_statement(therapist, total: int, pages: int):
    rows = selectors.caseload(therapist)
    for sort in SORTS:
        everyone = selectors.sort_and_filter(rows, sort=sort)
        for number in range(1, pages + 1):
            shown = caseload_page(therapist, sort=sort, page=number, per_page=PAGE_SIZE)
            assert (shown.total, shown.flagged) == (total, sum(1 for r in everyone if r.flags))
            expected = everyone[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
            assert [r.client_id for r in shown.page.object_list] == [r.client_id for r in expected], sort
            assert caseload_rows_html(list(shown.page.object_list)) == caseload_rows_html(expected), sort
            got = [(r.diary_recent, r.attempts_recent, r.next_due, r.flags) for r in shown.page.object_list]
            assert got == [(r.diary_recent, r.attempts_recent, r.next_due, r.flags) for r in expected], sort


def test_every_page_shows_what_the_one_statement_caseload_computes(world):
    _seed(world, 0, 9)  # 10 clients: one page, one statement
    _same_as_one_statement(world.therapist_a, 10, 1)
    _seed(world, 9, 60)  # 70: two pages, two statements
    _same_as_one_statement(world.therapist_a, 70, 2)


def test_flagged_clients_on_other_pages_are_named_with_a_link_to_them(world):
    _seed(world, 0, 69)
    http = HttpClient()
    http.force_login(world.therapist_a)
    url = reverse("dashboard:caseload")
    everyone = selectors.caseload(world.therapist_a)
    by_name = selectors.sort_and_filter(everyone, sort="name")
    elsewhere = sum(1 for r in by_name[PAGE_SIZE:] if r.flags)
    assert elsewhere  # the seeded caseload has flagged clients on page 2 when sorted by name
    html = http.get(url, {"sort": "name"}).content.decode()
    assert f"{elsewhere} clients who need attention are on other pages." in html
    assert 'href="?sort=name&amp;flag=any"' in html
    # Flagged first (the default): none left behind while they fit on the first page.
    assert sum(1 for r in everyone if r.flags) <= PAGE_SIZE
    assert "on other pages" not in http.get(url).content.decode()
    world.therapist_a.language = "nl"
    world.therapist_a.save()
    html = http.get(url, {"sort": "name"}).content.decode()
    assert f"{elsewhere} cliënten die aandacht vragen staan op andere pagina" in html
