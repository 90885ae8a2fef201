"""The client home costs the same after two years of use as after two weeks."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from goals.models import Outcome
from tests import seeding
from tests.diary.helpers import browser, entry
from tests.infra.test_compiled_query import CompileCounter

pytestmark = pytest.mark.django_db

# Session, user, the client's record read together with everything the panels need (today's
# diary count, unread notifications, a pending crisis banner, couple link, due and next
# questionnaires, and the short lists: goals due this week, the next sessions, the learn
# cards and the therapist's choice, the questionnaire schedules: clients.home), and its audit
# row. Fixed: none depends on how long the client has been here. A new panel's yes/no, count
# or short list goes into the facts (register_client_home_fact, RowsOf); raise this only
# knowingly. A questionnaire due today adds its list (the home's one panel query).
HOME_QUERY_BUDGET = 4
# The panels' tables are read only inside the client's row query.
PANEL_TABLES = (
    "goals_goal",
    "appointments_plannedsession",
    "learn_practicecard",
    "learn_cardchoice",
    "assessments_assessmentschedule",
)
# PostgreSQL adds row-level security's set_config for the request.
ROW_SECURITY_QUERIES = 1


def _home(http) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = http.get(reverse("client_home"))
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def _history(client, goal, days: int) -> None:
    today = timezone.localdate()
    for day in range(0, days, 2):
        seeding.add_checkin(goal, today - dt.timedelta(days=day), Outcome.DONE if day % 4 else Outcome.PARTLY)
    for day in range(0, days, 7):
        entry(client, days_ago=day)


def test_home_runs_the_same_queries_after_two_years_as_after_two_weeks(world):
    client = world.client_a
    goal = seeding.add_goal(client, target=7, start=timezone.localdate() - dt.timedelta(days=800))
    http = browser(client.user)
    _history(client, goal, 14)
    _home(http)  # the first page after login writes the session's idle expiry
    fortnight = _home(http)
    _history(client, goal, 730)
    two_years = _home(http)
    budget = HOME_QUERY_BUDGET + (ROW_SECURITY_QUERIES if connection.vendor == "postgresql" else 0)
    assert len(two_years) == len(fortnight) <= budget
    for sql in two_years:
        if any(f'"{table}"' in sql for table in PANEL_TABLES):
            assert sql.lstrip().startswith('SELECT "clients_client"'), sql
    # Rows, not only statements: no read of check-ins or entries without a lower date bound
    # (a query that loads every check-in since the start grows with each month of use).
    for sql in two_years:
        if "goals_checkin" in sql or ('FROM "diary_diaryentry"' in sql and "COUNT" not in sql):
            assert '"date" >=' in sql or '"occurred_at" >=' in sql, sql
        # A join would read every check-in since the start and filter the count afterwards.
        assert 'JOIN "goals_checkin"' not in sql, sql


def test_home_lists_a_goal_until_this_weeks_target_is_reached(world):
    client = world.client_a
    goal = seeding.add_goal(client, "Ask for help", target=2, start=timezone.localdate() - dt.timedelta(days=400))
    today = timezone.localdate()
    for day in range(7, 400, 1):  # every day of every earlier week: not this week's attempts
        seeding.add_checkin(goal, today - dt.timedelta(days=day))
    http = browser(client.user)
    assert "This week: 0 of 2" in http.get(reverse("client_home")).content.decode()
    seeding.add_checkin(goal, today)
    assert "This week: 1 of 2" in http.get(reverse("client_home")).content.decode()
    seeding.add_checkin(goal, today, Outcome.PARTLY)
    assert "Ask for help" not in http.get(reverse("client_home")).content.decode()


def test_the_home_compiles_no_sql_for_its_row_and_facts_after_the_first_view(world):
    """Its one read (the client's row with every fact) is compiled once per connection
    (clients.home.home_row); a panel's query built on each view would show here."""
    http = browser(world.client_a.user)
    _home(http)
    with CompileCounter() as compiled:
        _home(http)
    assert compiled.models == []
