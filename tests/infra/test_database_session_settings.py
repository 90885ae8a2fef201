import pytest
from django.db import connection

# Why each is off (config/resilience.py; create_app_role sets them on the role for PgBouncer):
# row-level security raises plan cost estimates, so a caseload of 500 clients crossed
# jit_above_cost and spent 150 ms compiling a statement that runs in 18 ms, and starting
# parallel workers took 10-12 ms for a progress-page query that runs in 0.5 ms.
SETTINGS = [("jit", "off"), ("max_parallel_workers_per_gather", "0")]


@pytest.mark.parametrize(("setting", "value"), SETTINGS)
def test_postgresql_connections_plan_small_queries_plainly(db, setting, value):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {setting}")
        assert cursor.fetchone()[0] == value
