import os

import pytest
from django.db import connection


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture
def app_role(db) -> str:
    """The role the web processes and workers connect as; PostgreSQL only."""
    from rowsecurity.policies import app_role as role_of_the_app

    app_role_name = role_of_the_app()
    reason = None
    if connection.vendor != "postgresql":
        reason = "row-level security needs PostgreSQL (DATABASE_URL)"
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolbypassrls OR rolsuper FROM pg_roles WHERE rolname = %s", [app_role_name])
            row = cursor.fetchone()
        if row is None:
            reason = f"the app role {app_role_name} does not exist (.ci/run creates it)"
        elif row[0]:
            pytest.fail(f"the app role {app_role_name} can bypass row-level security")
    if reason:
        if _in_ci():
            pytest.fail(f"CI=true but {reason}", pytrace=False)
        pytest.skip(reason)
    return app_role_name
