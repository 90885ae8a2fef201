"""A CompiledQuery made with prepare=True is planned by PostgreSQL once per database session
(PREPARE, then EXECUTE with the values): the client home's row, whose planning cost more than
running it. Behind PgBouncer in transaction pooling nothing is prepared (a session does not
outlive a transaction there)."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from clients import home
from clients.models import Client
from config.compiled_query import CompiledQuery
from tests.factories import make_client, make_practice, make_user

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares statements")


def _people(email, before):
    # A literal percent sign in the SQL, a quote and a percent sign among the other parameters.
    has_record = Exists(Client.objects.filter(user=OuterRef("pk")))
    marked = RawSQL("%s || '%%'", ("it's 5%",))
    return (
        User.objects.annotate(has_record=has_record, marked=marked)
        .filter(Q(email=email) | Q(name__contains="50%"), date_joined__lt=before)
        .order_by("pk")
    )


PEOPLE = CompiledQuery(_people, str, dt.datetime, prepare=True)


def _prepared_here() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'compiled_query_%%'")
        return dict(cursor.fetchall())


@on_postgresql
def test_a_prepared_query_gives_the_objects_its_queryset_gives():
    practice = make_practice()
    client = make_client(practice)
    odd = make_user(practice, Role.THERAPIST)
    odd.name = "Half 50% done"
    odd.save()
    later = timezone.now() + dt.timedelta(minutes=1)
    for email in (client.user.email, odd.email, "nobody@example.org"):
        expected = list(_people(email, later))
        found = PEOPLE.fetch(email, later)
        assert [(u.pk, u.email, u.has_record, u.marked) for u in found] == [
            (u.pk, u.email, u.has_record, u.marked) for u in expected
        ]
    assert [u.marked for u in found] == ["it's 5%%"]


@on_postgresql
def test_the_client_home_reads_its_row_by_executing_a_statement_prepared_once_per_session():
    client = make_client(make_practice())
    http = HttpClient()
    http.force_login(client.user)
    assert http.get(reverse("client_home")).status_code == 200
    prepared = _prepared_here()
    with CaptureQueriesContext(connection) as queries:
        assert http.get(reverse("client_home")).status_code == 200
    executed = [q["sql"] for q in queries if q["sql"].startswith("EXECUTE compiled_query_")]
    assert len(executed) == 1
    assert _prepared_here() == prepared  # nothing prepared again
    assert any("home_fact_" in statement for statement in prepared.values())


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_new_database_session_prepares_the_statement_again():
    client = make_client(make_practice())
    first = home.home_row(client.user)
    connection.close()  # the same Django connection opens a new session without the statement
    again = home.home_row(client.user)
    assert again.pk == first.pk
    assert any("home_fact_" in statement for statement in _prepared_here().values())


@on_postgresql
def test_with_prepared_statements_off_the_query_runs_as_plain_sql(monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "PREPARED_STATEMENTS", False)
    client = make_client(make_practice())
    later = timezone.now() + dt.timedelta(minutes=1)
    unprepared = CompiledQuery(_people, str, dt.datetime, prepare=True)
    before = _prepared_here()
    with CaptureQueriesContext(connection) as queries:
        assert [u.pk for u in unprepared.fetch(client.user.email, later)] == [client.user.pk]
    assert not any(q["sql"].startswith("EXECUTE") for q in queries)
    assert _prepared_here() == before


def _prepared_statements_setting(**env):
    probe = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default'].get('PREPARED_STATEMENTS', True)))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    env["DATABASE_URL"] = "postgres://app:pw@127.0.0.1:6432/securebase"
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", probe], cwd=root, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_nothing_is_prepared_behind_transaction_pooling():
    assert _prepared_statements_setting(DATABASE_POOLING="transaction") is False
    assert _prepared_statements_setting(DATABASE_POOLING="") is True
