"""Browser journeys with the live server logged in to PostgreSQL as the app role.

The test itself makes its data as the owner; every connection the live server opens switches to
the app role first, so each page is served under row-level security as in production. The
onboarding journey covers the anonymous invitation link (which must find its practice through
rowsecurity.paths), the login inside that request, the welcome pages, Learn and the diary.
"""

import threading

import pytest
from django.db.backends.signals import connection_created

from tests.browser import test_onboarding_journey as onboarding
from tests.rowsecurity.conftest import app_role  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def server_as_app_role(app_role, live_server):  # noqa: F811
    """The live server's connections (made in its own threads) log in as the app role."""
    switched = []

    def as_app_role(sender, connection, **kwargs):
        if threading.current_thread() is threading.main_thread():
            return
        with connection.cursor() as cursor:
            cursor.execute(f'SET ROLE "{app_role}"')
            cursor.execute("SELECT current_user")
            switched.append(cursor.fetchone()[0])

    connection_created.connect(as_app_role, weak=False, dispatch_uid="rls_live_server")
    try:
        yield live_server, switched, app_role
    finally:
        connection_created.disconnect(dispatch_uid="rls_live_server")


def test_new_client_onboarding_as_the_app_role(server_as_app_role, phone, watch, world, screenshot):
    live_server, switched, role = server_as_app_role
    onboarding.test_new_client_onboarding_a_card_and_the_pattern_map_in_dutch(
        live_server, phone, watch, world, screenshot
    )
    assert switched and set(switched) == {role}
