"""The login backends load the user with their second factor in one compiled query
(accounts.backends): the same answers as before for a user, no one, and no id."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.backends import AuthenticationBackend, ModelBackend
from accounts.mfa import has_mfa
from accounts.models import Role
from tests.factories import make_practice, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("backend", [ModelBackend, AuthenticationBackend])
def test_the_backend_loads_the_user_with_their_second_factor_in_one_query(backend):
    practice = make_practice()
    enrolled, not_yet = make_user(practice, Role.THERAPIST), make_user(practice, Role.THERAPIST, mfa=False)
    for user, second_factor in ((enrolled, True), (not_yet, False)):
        with CaptureQueriesContext(connection) as ctx:
            loaded = backend().get_user(user.pk)
            assert has_mfa(loaded) is second_factor
        assert loaded == user and loaded.email == user.email and len(ctx.captured_queries) == 1


@pytest.mark.parametrize("backend", [ModelBackend, AuthenticationBackend])
def test_the_backend_finds_no_one_for_an_unknown_id_none_or_an_inactive_user(backend):
    gone = make_user(make_practice(), Role.CLIENT, is_active=False)
    assert backend().get_user(gone.pk) is None
    assert backend().get_user(gone.pk + 1000) is None
    assert backend().get_user(None) is None
