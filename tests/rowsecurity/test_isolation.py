"""From below the app: raw SQL as the app role sees only the practice its transaction acts for.

The data is the demo practice (a few weeks of everything) plus the two practices of the
access-matrix world. For each registered table the owner (who bypasses row security) works out
which rows belong to which practice; then, as the app role, a transaction acting for one
practice must see exactly those rows, and a transaction acting for none must see nothing.
"""

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.utils import ProgrammingError

from accounts.models import Practice
from rowsecurity.policies import model_for, predicate
from rowsecurity.registry import PRACTICE_TABLES

from .filler import make_row, owned_pks

pytestmark = pytest.mark.postgres

# Tables that may be empty (none today): every other one must hold rows, or the test would
# prove nothing about it.
MAY_BE_EMPTY: set[str] = set()


def _every_table_has_rows_of(practice):
    """Rows the demo does not make (settings, alerts, the trail, newer tables), made up."""
    for label in PRACTICE_TABLES:
        model = model_for(label)
        if not owned_pks(model, practice.pk):
            make_row(model, practice)


def _tables():
    for label, path in PRACTICE_TABLES.items():
        model = model_for(label)
        yield label, model._meta.db_table, model._meta.pk.column, predicate(model, path)


def _act_for(cursor, practice_id):
    cursor.execute("SELECT set_config('app.practice_id', %s, true)", ["" if practice_id is None else str(practice_id)])


def _owned_rows(practice_ids) -> dict[str, dict[int, set]]:
    """As the owner: {table label: {practice id: primary keys}}, by the registered paths."""
    owned = {}
    with transaction.atomic(), connection.cursor() as cursor:
        for label, table, pk, where in _tables():
            owned[label] = {}
            for practice_id in practice_ids:
                _act_for(cursor, practice_id)
                cursor.execute(f'SELECT "{pk}" FROM "{table}" WHERE {where}')
                owned[label][practice_id] = {row[0] for row in cursor.fetchall()}
    return owned


def _visible_as(role, practice_id) -> dict[str, set]:
    """As the app role, in a transaction acting for `practice_id`: every row of every table."""
    seen = {}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'SET LOCAL ROLE "{role}"')
        _act_for(cursor, practice_id)
        for label, table, pk, _where in _tables():
            cursor.execute(f'SELECT "{pk}" FROM "{table}"')
            seen[label] = {row[0] for row in cursor.fetchall()}
        transaction.set_rollback(True)
    return seen


@pytest.fixture
def three_practices(world, app_role):
    call_command("seed_demo", verbosity=0)
    with transaction.atomic():  # owned_pks sets the practice for its transaction
        _every_table_has_rows_of(world.practice)
        _every_table_has_rows_of(world.other_practice)
    return list(Practice.objects.order_by("pk").values_list("pk", flat=True))


def test_every_registered_table_is_forced_under_row_security(app_role):
    with connection.cursor() as cursor:
        for label, table, _pk, _where in _tables():
            cursor.execute(
                "SELECT relrowsecurity, relforcerowsecurity, "
                "(SELECT count(*) FROM pg_policies WHERE tablename = relname) FROM pg_class WHERE relname = %s",
                [table],
            )
            assert cursor.fetchone() == (True, True, 1), label


def test_a_transaction_for_one_practice_sees_only_that_practices_rows(three_practices, app_role):
    owned = _owned_rows(three_practices)
    empty = sorted(label for label, by in owned.items() if not any(by.values()) and label not in MAY_BE_EMPTY)
    assert not empty, f"no rows to test in {empty}"
    for practice_id in three_practices:
        seen = _visible_as(app_role, practice_id)
        for label, rows in seen.items():
            others = set().union(*(owned[label][p] for p in three_practices if p != practice_id))
            assert not rows & others, f"{label}: practice {practice_id} sees another practice's rows"
            assert rows == owned[label][practice_id], f"{label}: practice {practice_id} misses its own rows"


def test_a_transaction_without_a_practice_sees_no_rows(three_practices, app_role):
    seen = _visible_as(app_role, None)
    assert {label: rows for label, rows in seen.items() if rows} == {}
    # Never set in this session at all (a fresh pooled connection): still nothing.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'SET LOCAL ROLE "{app_role}"')
        cursor.execute("RESET app.practice_id")  # as on a connection that never set it
        cursor.execute("SELECT count(*) FROM clients_client")
        assert cursor.fetchone()[0] == 0
        transaction.set_rollback(True)


def test_a_practice_cannot_write_rows_into_another_practice(world, app_role):
    with pytest.raises(ProgrammingError, match="row-level security"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f'SET LOCAL ROLE "{app_role}"')
            _act_for(cursor, world.practice.pk)
            # Moving one's own client into the other practice is a write into that practice.
            cursor.execute(
                "UPDATE clients_client SET practice_id = %s WHERE id = %s",
                [world.other_practice.pk, world.client_a.pk],
            )
