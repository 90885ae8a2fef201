"""Commit hooks (transaction.on_commit) act for the practice of the scope that registered them.

They run after the commit, in a transaction of their own, where no practice would be set: a
diary entry's safety check, a score's alert rules. Here the commit is simulated: the hooks are
collected, the setting is cleared as a new transaction would have it, then they run as the app
role.
"""

import pytest
from django.db import connection, transaction

from rowsecurity.scope import acting_for_practice, request_scope

pytestmark = pytest.mark.postgres


def _count_clients(seen):
    def hook():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM clients_client")
            seen.append(cursor.fetchone()[0])

    return hook


def _run_after_commit(callbacks, app_role):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'SET LOCAL ROLE "{app_role}"')
        cursor.execute("RESET app.practice_id")
        for callback in callbacks:
            callback()
        transaction.set_rollback(True)


@pytest.mark.parametrize("scope", [request_scope, acting_for_practice])
def test_a_hook_registered_for_a_practice_runs_for_that_practice(
    world, app_role, scope, django_capture_on_commit_callbacks
):
    seen = []
    with django_capture_on_commit_callbacks() as callbacks:
        with scope(world.practice.pk):
            transaction.on_commit(_count_clients(seen))
            with acting_for_practice(world.other_practice.pk):
                transaction.on_commit(_count_clients(seen))
    _run_after_commit(callbacks, app_role)
    assert seen == [2, 1]
