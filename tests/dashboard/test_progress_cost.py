"""What keeps the progress pages cheap does not change what they show: the chart tables written
in Python read as the template loop wrote them, remembered dates and figures follow the language,
and the pages run the same queries after two years as after two weeks, whatever the window."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from dashboard import charts, selectors
from dashboard.charts.svg import _day, _fmt
from tests.dashboard.test_progress import _queries, _seed_records

# The loop _chart.html ran over every table row before the rows were written in Python.
TEMPLATE_LOOP = (
    "{% for row in table.labelled_rows %}<tr>{% for col, cell, nowrap in row %}{% if forloop.first %}"
    '<th scope="row"{% if nowrap %} class="text-nowrap"{% endif %}>{{ cell }}</th>{% else %}'
    '<td data-label="{{ col }}"{% if nowrap %} class="text-nowrap"{% endif %}>{{ cell }}</td>{% endif %}'
    "{% endfor %}</tr>\n{% endfor %}"
)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_chart_table_written_in_python_reads_as_the_template_loop_wrote_it(language):
    table = charts.Table(
        caption="t",
        columns=["Week of", gettext_lazy("Entries"), 'Say "why" & <how>', mark_safe("<abbr>T</abbr>")],
        rows=[
            ["21-10-2026", "3", "sad 2× (4.5), <script>alert('x')</script>", mark_safe("<b>kept</b>")],
            ["14-10-2026", 7, 4.25, gettext_lazy("Anxiety")],
            ["07-10-2026", "—", "a & b", "short"],
        ],
        nowrap=(0, 2),
    )
    with translation.override(language):
        looped = Template(TEMPLATE_LOOP).render(Context({"table": table}))
        written = table.body_html()
    assert written.replace("\n", "") == looped.replace("\n", "")
    assert "&lt;script&gt;" in written and "<b>kept</b>" in written


def test_remembered_chart_dates_and_figures_follow_the_language_of_the_request():
    day = dt.date(2026, 10, 21)
    with translation.override("en"):
        english = (_day(day), _fmt(4.675), _fmt(None))
    with translation.override("nl"):
        dutch = (_day(day), _fmt(4.675), _fmt(None))
    with translation.override("en"):
        again = (_day(day), _fmt(4.675))
    assert english[:2] == ("21/10/2026", "4.68") and english[2] == "—"
    assert dutch[:2] == ("21-10-2026", "4,68")
    assert again == english[:2]


@pytest.mark.parametrize("page", ["client_progress", "my_progress"])
def test_progress_pages_run_as_many_queries_after_two_years_as_after_two_weeks_in_any_window(world, page):
    if page == "my_progress":
        world.client_a.results_visible_to_client = True
        world.client_a.save()
        http = HttpClient()
        http.force_login(world.client_a.user)
        url = reverse("dashboard:my_progress")
    else:
        http = HttpClient()
        http.force_login(world.therapist_a)
        url = reverse("dashboard:client_progress", args=[world.client_a.pk])
    _seed_records(world.client_a, weeks=2)
    few = {weeks: _queries(http, f"{url}?weeks={weeks}") for weeks in (16, 52)}
    _seed_records(world.client_a, weeks=104, per_week_entries=2)
    many = {weeks: _queries(http, f"{url}?weeks={weeks}") for weeks in (16, 52)}
    assert few == many and few[16] == few[52], f"few records {few}, two years {many}"
    assert timezone.localdate() - world.client_a.goals.earliest("start_date").start_date >= dt.timedelta(weeks=104)


def test_charts_drawn_for_one_page_keep_its_language_and_leave_the_next_its_own():
    day = dt.date(2026, 10, 21)
    seen = {}

    def other_page():
        with translation.override("en"):
            seen["other"] = _day(day)

    with translation.override("nl"), charts.one_language():
        seen["inside"] = _day(day)
        thread = threading.Thread(target=other_page)
        thread.start()
        thread.join()
    with translation.override("en"):
        seen["after"] = _day(day)
    assert seen == {"inside": "21-10-2026", "other": "21/10/2026", "after": "21/10/2026"}


@pytest.mark.parametrize("weeks", [2, 104])
def test_progress_data_is_read_in_nine_queries_whatever_the_history(world, weeks):
    _seed_records(world.client_a, weeks=weeks)
    client = type(world.client_a).objects.select_related("user").get(pk=world.client_a.pk)  # as clients.access gives it
    selectors.client_progress(world.therapist_a, client)  # the viewer's second factor, read once per request
    with CaptureQueriesContext(connection) as ctx:
        progress = selectors.client_progress(world.therapist_a, client, weeks=52)
    assert len(ctx.captured_queries) == 9, "\n".join(q["sql"][:70] for q in ctx.captured_queries)
    assert progress.safety_weeks and progress.emotion_weeks  # the diary's one query read both


def test_the_compiled_progress_reads_give_what_their_querysets_give(world):
    # Scores, the practice's reliability figures and the goals shown are read through queries
    # compiled once per connection; each must return what the queryset it replaced returns.
    from assessments.models import ReliabilitySetting, Score
    from dashboard.selectors import progress
    from goals.models import GoalStatus
    from tests.seeding import add_goal, add_scores

    client = world.client_a
    today = timezone.localdate()
    add_scores(client, [(today - dt.timedelta(days=40), 4.0, 3.0), (today - dt.timedelta(days=3), 3.0, 3.5)])
    add_scores(client, [(today - dt.timedelta(days=9), 2.5, 2.0)], instrument="ecr-rs", target="partner")
    ReliabilitySetting.objects.create(
        practice=world.practice, instrument="ecr-r", anxiety_sd=1.1, anxiety_r=0.9, avoidance_sd=1.0, avoidance_r=0.9
    )
    kept, dropped = add_goal(client, "Call a friend"), add_goal(client, "Old goal")
    dropped.status = GoalStatus.DROPPED
    dropped.save()
    scores = list(
        Score.objects.filter(client=client, instrument__in=("ecr-r", "ecr-rs")).order_by("submitted_at", "id")
    )
    assert [s.pk for s in progress.score_history(client)] == [s.pk for s in scores] and len(scores) == 3
    overrides = list(ReliabilitySetting.objects.filter(practice=world.practice))
    assert progress.OVERRIDES.fetch(world.practice.pk) == overrides and len(overrides) == 1
    goals, _weeks = progress.goal_weeks(world.therapist_a, client, progress.weeks_window(today, 4))
    assert goals == list(client.goals.exclude(status=GoalStatus.DROPPED).order_by("start_date", "id")) == [kept]
    assert goals[0].client is client
