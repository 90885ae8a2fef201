"""A person's sessions are found by an indexed user id, not by decoding every session row."""

import importlib

from django.apps import apps
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session as LegacySession
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.services import end_all_sessions
from audit.models import Session
from tests.factories import PASSWORD


def _logged_in(user) -> HttpClient:
    http = HttpClient()
    assert http.login(email=user.email, password=PASSWORD)
    return http


def test_the_session_row_carries_the_user_id_and_the_column_is_indexed(world):
    http = _logged_in(world.client_a.user)
    assert http.get(reverse("client_home")).status_code == 200
    row = Session.objects.get(session_key=http.session.session_key)
    assert row.user_id == world.client_a.user.pk
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Session._meta.db_table)
    assert any(c["columns"] == ["user_id"] and c["index"] for c in constraints.values())


def test_log_out_everywhere_reads_no_one_elses_session(world):
    a, b = world.client_a.user, world.client_b.user
    phone, laptop, other = _logged_in(a), _logged_in(a), _logged_in(b)
    for http in (phone, laptop, other):
        assert http.get(reverse("client_home")).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        ended = end_all_sessions(a)
    assert ended >= 2
    reads = [q["sql"] for q in queries.captured_queries if "session_data" in q["sql"] and "SELECT" in q["sql"]]
    assert not reads, reads
    assert phone.get(reverse("client_home")).status_code == 302
    assert laptop.get(reverse("client_home")).status_code == 302
    assert other.get(reverse("client_home")).status_code == 200


def test_a_session_from_before_the_switch_stays_logged_in(world):
    """Sessions in Django's own table are copied with their user id by the migration."""
    user = world.client_a.user
    old_store = DatabaseSessionStore()
    old_store.update(
        {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
    )
    old_store.set_expiry(1800)
    old_store.save()
    key = old_store.session_key
    assert LegacySession.objects.filter(session_key=key).exists() and not Session.objects.filter(pk=key).exists()

    migration = importlib.import_module("audit.migrations.0003_session")
    migration.copy_open_sessions(apps, None)

    copied = Session.objects.get(session_key=key)
    assert copied.user_id == user.pk and copied.expire_date > timezone.now()
    http = HttpClient()
    http.cookies[settings.SESSION_COOKIE_NAME] = key
    assert http.get(reverse("client_home")).status_code == 200
