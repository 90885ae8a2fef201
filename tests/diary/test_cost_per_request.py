"""A quick entry costs the same on the hundredth save as on the first: session and queries."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import Session
from tests.infra.test_compiled_query import CompileCounter

from .helpers import browser, entry

pytestmark = pytest.mark.django_db

# Session, user, the client's row (with the safety net's thresholds joined: no second read of
# it), its audit row, insert entry + emotions. No savepoint: a duplicate submit is skipped by
# the insert itself, so it cannot spoil the request's transaction. An entry that is no
# distress opens no transaction after the commit.
POST_QUERY_BUDGET = 6
# PostgreSQL adds row-level security's set_config for the request.
ROW_SECURITY_QUERIES = 1


def _quick(http, **extra):
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "emotion": "sad",
        "intensity": "6",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "felt_safety": "5",
        **extra,
    }
    response = http.post(reverse("diary:quick_entry"), data)
    assert response.status_code == 302
    return response


def _session_size(http) -> int:
    key = http.cookies["sessionid"].value
    return len(Session.objects.get(session_key=key).session_data)


def test_hundred_quick_entries_leave_the_session_size_constant(world):
    # Saves without ever opening the entry page in between (a script, or a phone that drops
    # the redirect): the session must not remember every one of them.
    http = browser(world.client_a.user)
    for _ in range(3):
        _quick(http)
    size = _session_size(http)
    for _ in range(100):
        _quick(http)
    assert _session_size(http) == size


def test_opening_the_entry_page_clears_the_saved_draft_once(world):
    http = browser(world.client_a.user)
    first = _quick(http)
    _quick(http)
    page = http.get(first["Location"]).content.decode()
    assert page.count(f"securebase:diary:{world.client_a.user.pk}:quick") == 1
    again = http.get(first["Location"]).content.decode()
    assert f"securebase:diary:{world.client_a.user.pk}:quick" not in again


def _post_queries(http, django_capture_on_commit_callbacks) -> list[dict]:
    with CaptureQueriesContext(connection) as ctx, django_capture_on_commit_callbacks(execute=True):
        _quick(http)
    return ctx.captured_queries


def test_a_quick_entry_runs_a_fixed_small_number_of_queries(world, django_capture_on_commit_callbacks):
    http = browser(world.client_a.user)
    # The first save after login writes the session, and the safety net creates the
    # practice's settings row once.
    _post_queries(http, django_capture_on_commit_callbacks)
    few = len(_post_queries(http, django_capture_on_commit_callbacks))
    for days_ago in range(60):
        entry(world.client_a, shared=days_ago % 2 == 0, days_ago=days_ago)
    queries = _post_queries(http, django_capture_on_commit_callbacks)
    many = len(queries)
    assert few == many
    assert not [q for q in queries if "SAVEPOINT" in q["sql"]]
    assert sum('FROM "clients_client"' in q["sql"] for q in queries) == 1
    assert many <= POST_QUERY_BUDGET + (ROW_SECURITY_QUERIES if connection.vendor == "postgresql" else 0)


def test_a_quick_entry_compiles_no_sql_to_read_the_client_and_thresholds(world, django_capture_on_commit_callbacks):
    """The save's read of the client's row with the safety net's thresholds is compiled once
    per connection (clients.home.write_row); the inserts are all that is built per save."""
    http = browser(world.client_a.user)
    _post_queries(http, django_capture_on_commit_callbacks)
    with CompileCounter() as compiled:
        _post_queries(http, django_capture_on_commit_callbacks)
    assert compiled.models == []
