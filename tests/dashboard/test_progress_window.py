"""The weekly diary and goal figures start when there is something to show: not before the
week of the first entry or attempt (or the start of therapy, with none), latest week first."""

import datetime as dt
import re

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from dashboard import charts, selectors
from tests.seeding import add_checkin, add_entry, add_goal

pytestmark = pytest.mark.django_db


def _login(user):
    http = HttpClient()
    http.force_login(user)
    return http


def _began_three_weeks_ago(client):
    """Therapy began three weeks ago with a first diary entry and a goal attempt since."""
    today, now = timezone.localdate(), timezone.now()
    type(client).objects.filter(pk=client.pk).update(start_date=today - dt.timedelta(weeks=3))
    client.refresh_from_db()
    add_entry(client, now - dt.timedelta(weeks=2), shared=True, emotions=[("sad", 6)], felt_safety=4)
    add_entry(client, now, shared=True, emotions=[("calm", 5)], felt_safety=7)
    goal = add_goal(client, "Ask for help", start=today - dt.timedelta(weeks=3))
    add_checkin(goal, today - dt.timedelta(weeks=1))
    return today


def test_weeks_start_at_the_first_data_not_sixteen_weeks_back(world):
    today = _began_three_weeks_ago(world.client_a)
    progress = selectors.client_progress(world.therapist_a, world.client_a, weeks=16)
    first = charts.week_start(today - dt.timedelta(weeks=2))  # the first entry's week
    assert progress.weeks[0] == first and progress.weeks[-1] == charts.week_start(today)
    assert len(progress.weeks) == 3


def test_without_any_entry_the_weeks_start_when_therapy_began(world):
    today = timezone.localdate()
    type(world.client_a).objects.filter(pk=world.client_a.pk).update(start_date=today - dt.timedelta(weeks=5))
    world.client_a.refresh_from_db()
    progress = selectors.client_progress(world.therapist_a, world.client_a, weeks=16)
    assert progress.weeks[0] == charts.week_start(today - dt.timedelta(weeks=5))


def test_a_short_window_keeps_its_length(world):
    _began_three_weeks_ago(world.client_a)
    progress = selectors.client_progress(world.therapist_a, world.client_a, weeks=2)
    assert len(progress.weeks) == 2


def _table(html: str, caption: str) -> tuple[str, list[str]]:
    """(the markup around the table, the first cell of each body row)."""
    match = re.search(r'<div class="table-responsive[^"]*">\s*<table[^>]*>\s*<caption>' + re.escape(caption), html)
    assert match, caption
    body = html[match.start() : html.index("</table>", match.start())]
    return match.group(0), re.findall(r'<tr><th scope="row"[^>]*>([^<]*)</th>', body)


@pytest.mark.parametrize("page", ["client_progress", "report", "my_progress"])
def test_weekly_tables_show_the_latest_week_first_and_nothing_before_the_first_entry(world, page):
    today = _began_three_weeks_ago(world.client_a)
    if page == "my_progress":
        html = _login(world.client_a.user).get(reverse("dashboard:my_progress")).content.decode()
        diary_caption = "Diary entries per week"
    else:
        html = _login(world.therapist_a).get(reverse(f"dashboard:{page}", args=[world.client_a.pk])).content.decode()
        diary_caption = "Shared diary entries per week"
    weeks = [charts.week_start(today - dt.timedelta(weeks=n)) for n in (0, 1, 2)]
    expected = [w.strftime("%d/%m/%Y") for w in weeks]
    for caption in (diary_caption, "Attempts per week"):
        wrapper, first_cells = _table(html, caption)
        assert first_cells == expected, (caption, first_cells)
        assert "sb-scroll" not in wrapper  # three rows: shown whole, not in a scrolling box


def test_a_long_weekly_table_scrolls_in_its_own_box(world):
    now = timezone.now()
    type(world.client_a).objects.filter(pk=world.client_a.pk).update(start_date=now.date() - dt.timedelta(weeks=30))
    add_entry(world.client_a, now - dt.timedelta(weeks=20), shared=True, emotions=[("sad", 6)])
    url = reverse("dashboard:client_progress", args=[world.client_a.pk]) + "?weeks=26"
    html = _login(world.therapist_a).get(url).content.decode()
    wrapper, first_cells = _table(html, "Shared diary entries per week")
    assert "sb-scroll" in wrapper and len(first_cells) == 21
