"""Row-level security costs a request one query: the set_config that starts its transaction."""

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.postgres

SCOPE = "rowsecurity.middleware.PracticeScopeMiddleware"


def _queries(user, url) -> list[str]:
    http = HttpClient()
    http.force_login(user)
    http.get(url)  # the first page after login writes the session's idle expiry
    with CaptureQueriesContext(connection) as ctx:
        assert http.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("page", ["client_home", "dashboard:caseload"])
def test_a_page_costs_one_query_more(world, app_role, settings, page):
    user = world.client_a.user if page == "client_home" else world.therapist_a
    with_scope = _queries(user, reverse(page))
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != SCOPE]
    without = _queries(user, reverse(page))
    extra = [sql for sql in with_scope if "set_config" in sql]
    assert len(extra) == 1 and len(with_scope) == len(without) + 1


def _plan_as_app_role(role, practice_id, sql, params) -> str:
    from django.db import transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'SET LOCAL ROLE "{role}"')
        cursor.execute("SELECT set_config('app.practice_id', %s, true)", [str(practice_id)])
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        transaction.set_rollback(True)
    return plan


@pytest.mark.parametrize("label", ["diary.DiaryEntry", "diary.EntryEmotion", "reminders.Notification"])
def test_reading_one_clients_rows_does_not_read_the_practices_client_list(world, app_role, label):
    # A policy that checks the path (client_id IN the practice's clients) hashes every client
    # of the practice on each query: 7-10 ms per query at 10,000 clients for a client's month.
    from diary.models import DiaryEntry, EntryEmotion
    from reminders.models import Notification

    models = {"diary.DiaryEntry": DiaryEntry, "diary.EntryEmotion": EntryEmotion}
    model = {**models, "reminders.Notification": Notification}[label]
    lookup = {
        "diary.DiaryEntry": {"client_id": world.client_a.pk},
        "diary.EntryEmotion": {"entry__client_id": world.client_a.pk},
        "reminders.Notification": {"recipient_id": world.client_a.user_id},
    }[label]
    sql, params = model.objects.filter(**lookup).values("pk").query.sql_with_params()

    plan = _plan_as_app_role(app_role, world.practice.pk, sql, params)

    assert "clients_client" not in plan and "accounts_user" not in plan, plan
