"""The access-matrix walk again, each request served while logged in as the app role.

The data is made by the owner, as in the normal walk; every request then runs as the role the
web processes use in production, under row-level security, through PracticeScopeMiddleware.
Every row must answer as it does for the owner: the pages work when the database, not only
the access policy, keeps practices apart.
"""

import pytest
from django.core.signals import request_finished, request_started
from django.db import connection

from tests.access import test_access_matrix as walk

pytestmark = pytest.mark.postgres


@pytest.fixture
def requests_as_app_role(app_role):
    def log_in_as_app_role(**kwargs):
        with connection.cursor() as cursor:
            cursor.execute(f'SET ROLE "{app_role}"')

    def back_to_owner(**kwargs):
        if connection.needs_rollback or connection.connection is None:
            return  # the transaction is being rolled back; its SET ROLE goes with it
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")

    request_started.connect(log_in_as_app_role, dispatch_uid="rls_walk_in")
    request_finished.connect(back_to_owner, dispatch_uid="rls_walk_out")
    try:
        yield app_role
    finally:
        request_started.disconnect(dispatch_uid="rls_walk_in")
        request_finished.disconnect(dispatch_uid="rls_walk_out")


def test_requests_really_run_as_the_app_role(world, requests_as_app_role, client):
    seen = []

    def who(**kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            seen.append(cursor.fetchone()[0])

    # Connected after the fixture's receiver, so it runs after the switch.
    request_started.connect(who, dispatch_uid="rls_who")
    try:
        client.force_login(world.therapist_a)
        client.get("/")
    finally:
        request_started.disconnect(dispatch_uid="rls_who")
    assert seen == [requests_as_app_role]


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(walk.all_rows()))
def test_access_matrix_as_the_app_role(name, world, requests_as_app_role):
    walk.test_access_matrix(name, world)


@pytest.mark.parametrize("email", ["therapist", "nobody@example.org"])
def test_a_failed_login_as_the_app_role_is_answered_and_audited(world, requests_as_app_role, client, email):
    from audit.models import AuditAction, AuditEvent

    address = world.therapist_a.email if email == "therapist" else email
    response = client.post("/accounts/login/", {"login": address, "password": "wrong-password"})
    assert response.status_code == 200
    failed = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).values_list("practice_id", flat=True)
    assert list(failed) == [world.practice.pk if email == "therapist" else None]


def test_logging_in_as_the_app_role_reaches_the_practices_pages(world, requests_as_app_role, client):
    from tests.factories import PASSWORD

    response = client.post("/accounts/login/", {"login": world.client_a.user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(response["Location"], follow=True).status_code == 200
