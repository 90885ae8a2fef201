import pytest
from django.db import connection


def test_postgresql_connections_start_no_parallel_workers(db):
    # Starting parallel workers took 10-12 ms for a progress-page query that runs in 0.5 ms,
    # and under load they take cores from other requests (config/resilience.py).
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"
