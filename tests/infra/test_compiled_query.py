"""config.compiled_query: a fixed-shape query compiled once per connection gives the same model
objects as its queryset, and what every logged-in request reads before its own work (the
session row, the user, a client's record with the page facts) is not compiled again on each
request."""

import datetime as dt
from unittest import mock

import pytest
from django.db.models import Exists, OuterRef, Q
from django.db.models.sql.compiler import SQLCompiler
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from audit.models import Session
from clients.models import Client
from config.compiled_query import CompiledQuery
from tests.factories import make_client, make_practice, make_user

pytestmark = pytest.mark.django_db


def _people(email, before):
    has_record = Exists(Client.objects.filter(user=OuterRef("pk")))
    return User.objects.annotate(has_record=has_record).filter(email=email, date_joined__lt=before).order_by("pk")


PEOPLE = CompiledQuery(_people, str, dt.datetime)


class CompileCounter:
    """Which models' queries were compiled to SQL (nested subqueries count too)."""

    def __init__(self):
        self.models = []

    def __enter__(self):
        original = SQLCompiler.as_sql
        counter = self

        def as_sql(compiler, *args, **kwargs):
            counter.models.append(compiler.query.model)
            return original(compiler, *args, **kwargs)

        self._patch = mock.patch.object(SQLCompiler, "as_sql", as_sql)
        self._patch.start()
        return self

    def __exit__(self, *exc):
        self._patch.stop()


def test_a_compiled_query_gives_the_objects_its_queryset_gives():
    practice = make_practice()
    client = make_client(practice)
    loose = make_user(practice, Role.THERAPIST)
    now = timezone.now()
    for user in (client.user, loose):
        expected = list(_people(user.email, now))
        got = PEOPLE.fetch(user.email, now)
        assert [o.pk for o in got] == [o.pk for o in expected] == [user.pk]
        for field in User._meta.concrete_fields:
            assert getattr(got[0], field.attname) == getattr(expected[0], field.attname), field.attname
        assert type(got[0].date_joined) is dt.datetime and got[0].date_joined.tzinfo is not None
        assert got[0].has_record is expected[0].has_record is (user == client.user)
        assert got[0]._state.adding is False and got[0]._state.db == "default"


def test_a_compiled_query_uses_its_values_each_time_and_finds_nothing_when_nothing_matches():
    practice = make_practice()
    first, second = make_user(practice, Role.CLIENT), make_user(practice, Role.CLIENT)
    now = timezone.now()
    assert PEOPLE.first(first.email, now).pk == first.pk
    assert PEOPLE.first(second.email, now).pk == second.pk
    assert PEOPLE.fetch(first.email, first.date_joined - dt.timedelta(seconds=1)) == []
    assert PEOPLE.first("nobody@example.test", now) is None


def test_a_compiled_query_is_compiled_once_per_connection():
    user = make_user(make_practice(), Role.CLIENT)
    PEOPLE.fetch(user.email, timezone.now())
    with CompileCounter() as compiled:
        PEOPLE.fetch(user.email, timezone.now())
        PEOPLE.fetch("other@example.test", timezone.now())
    assert compiled.models == []


def test_a_query_whose_values_cannot_be_found_among_its_parameters_is_refused():
    ignores_its_value = CompiledQuery(lambda email: User.objects.filter(email="fixed@example.test"), str)
    with pytest.raises(ValueError, match="appears 0 times"):
        ignores_its_value.fetch("a@example.test")
    with pytest.raises(ValueError, match="time zone"):
        PEOPLE.fetch("a@example.test", dt.datetime(2026, 1, 1))  # noqa: DTZ001 - naive on purpose


def test_a_value_used_twice_and_a_date_get_their_new_values_everywhere():
    practice = make_practice()
    first, second = make_user(practice, Role.CLIENT), make_user(practice, Role.THERAPIST)
    second.name = first.email
    second.save()

    def build(email, day):
        return User.objects.filter(Q(email=email) | Q(name=email), date_joined__date__gte=day).order_by("pk")

    twice = CompiledQuery(build, str, dt.date)
    today = timezone.localdate()
    assert [u.pk for u in twice.fetch(first.email, today)] == [first.pk, second.pk]
    assert [u.pk for u in twice.fetch(second.email, today)] == [second.pk]
    assert twice.fetch(first.email, today + dt.timedelta(days=1)) == []


def _compiled_on_second_visit(user, page: str) -> list:
    http = HttpClient()
    http.force_login(user)
    assert http.get(reverse(page)).status_code == 200
    with CompileCounter() as compiled:
        assert http.get(reverse(page)).status_code == 200
    return compiled.models


def test_a_logged_in_page_compiles_no_sql_for_its_session_and_user():
    therapist = make_user(make_practice(), Role.THERAPIST)
    compiled = _compiled_on_second_visit(therapist, "accounts:settings")
    assert Session not in compiled and User not in compiled


def test_a_client_page_whose_view_reads_nothing_compiles_no_sql_at_all():
    # The session, the user with their second factor, the client's record with the menu's
    # unread count and the crisis banner's pending flag (clients.home.PAGE_FACTS).
    client = make_client(make_practice())
    assert _compiled_on_second_visit(client.user, "accounts:settings") == []


@pytest.mark.django_db(transaction=True)
def test_each_thread_runs_the_query_on_its_own_connection():
    # gunicorn's gthread workers: Django gives every thread its own connection, and a compiled
    # query keeps one plan per connection (a compiler is bound to the connection it was made on).
    from threading import Thread

    from django.db import connections

    practice = make_practice()
    people = [make_user(practice, Role.CLIENT) for _ in range(3)]
    PEOPLE.fetch(people[0].email, timezone.now())
    found, plans = {}, {}

    def look_up(person):
        try:
            found[person.pk] = PEOPLE.first(person.email, timezone.now()).pk
            plans[person.pk] = connections["default"].__dict__["_compiled_queries"][PEOPLE]
        finally:
            connections.close_all()

    threads = [Thread(target=look_up, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == {person.pk: person.pk for person in people}
    mine = connections["default"].__dict__["_compiled_queries"][PEOPLE]
    assert len({id(plan) for plan in plans.values()} | {id(mine)}) == 4
