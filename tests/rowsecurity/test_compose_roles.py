"""docker-compose.yml runs the stack under the two database roles (parsed, no Docker engine)."""

from urllib.parse import urlsplit

from tests.infra.test_compose import SERVICES, command


def _login(service: str) -> str:
    return urlsplit(SERVICES[service]["environment"]["DATABASE_URL"]).username


def test_web_worker_and_beat_log_in_as_the_app_role_and_migrations_as_the_owner():
    owner = SERVICES["postgres"]["environment"]["POSTGRES_USER"]
    app_role = SERVICES["roles"]["environment"]["DATABASE_APP_ROLE"]
    assert app_role != owner
    for service in ("web", "worker", "beat"):
        assert _login(service) == app_role, service
    for service in ("roles", "migrate"):
        assert _login(service) == owner, service


def test_the_app_role_is_created_before_migrations_grant_it_the_tables():
    assert command("roles")[-2:] == ["manage.py", "create_app_role"]
    assert SERVICES["roles"]["environment"]["DATABASE_APP_PASSWORD"].startswith("${DATABASE_APP_PASSWORD")
    assert SERVICES["migrate"]["depends_on"]["roles"]["condition"] == "service_completed_successfully"
    for service in ("web", "worker", "beat"):
        assert SERVICES[service]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
