"""docker-compose.yml and the Dockerfile, checked without a Docker engine.

The file is parsed, every service is checked for what `docker compose up` needs (health checks,
volumes, start order), and the Python entry points the commands name must really exist.
"""

import importlib
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = ("web", "worker", "beat")


def command(service: str) -> list[str]:
    cmd = SERVICES[service]["command"]
    return cmd.split() if isinstance(cmd, str) else list(cmd)


def healthcheck(service: str) -> str:
    test = SERVICES[service]["healthcheck"]["test"]
    return " ".join(test) if isinstance(test, list) else test


def test_the_five_services_and_a_migrate_step_exist():
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(SERVICES)
    assert command("migrate")[-3:] == ["manage.py", "migrate", "--noinput"]
    assert (ROOT / "manage.py").is_file()


@pytest.mark.parametrize(
    ("service", "probe"),
    [("postgres", "pg_isready"), ("redis", "redis-cli ping"), ("web", "http://127.0.0.1:8000/")],
)
def test_services_have_health_checks(service, probe):
    assert probe in healthcheck(service)
    assert SERVICES[service]["healthcheck"]["retries"] >= 1


def test_postgres_is_version_15_and_data_lives_in_named_volumes():
    assert SERVICES["postgres"]["image"].split(":")[1].startswith("15")
    mounts = {service: SERVICES[service].get("volumes", []) for service in ("postgres", "redis", "beat")}
    assert any(m.endswith(":/var/lib/postgresql/data") for m in mounts["postgres"])
    assert any(m.endswith(":/data") for m in mounts["redis"])
    declared = set(COMPOSE["volumes"])
    for service, volumes in mounts.items():
        for mount in volumes:
            assert mount.split(":")[0] in declared, f"{service} mounts an undeclared volume {mount}"


@pytest.mark.parametrize("service", APP_SERVICES)
def test_app_services_wait_for_healthy_database_and_broker_and_migrations(service):
    depends = SERVICES[service]["depends_on"]
    assert depends["postgres"]["condition"] == "service_healthy"
    assert depends["redis"]["condition"] == "service_healthy"
    assert depends["migrate"]["condition"] == "service_completed_successfully"


@pytest.mark.parametrize("service", [*APP_SERVICES, "migrate"])
def test_app_services_get_their_configuration_from_the_environment(service):
    env = SERVICES[service]["environment"]
    assert re.fullmatch(r"postgres://[^@]+@postgres:5432/\w+", env["DATABASE_URL"])
    assert re.fullmatch(r"redis://redis:6379/\d+", env["REDIS_URL"])
    # Required from whoever starts the stack; never a value committed to the repository.
    assert env["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert env["ALLOWED_HOSTS"]
    assert env["STATIC_MANIFEST"] == "1"
    assert env["DEBUG"] == "0"


def test_web_command_names_an_importable_wsgi_application(settings):
    # As in production: the server refuses the repository's development key (config/startup.py).
    settings.SECRET_KEY = "a-production-key-" + "x" * 40
    cmd = command("web")
    assert cmd[0] == "gunicorn"
    module_name, _, attribute = next(arg for arg in cmd[1:] if ":" in arg and not arg[0].isdigit()).partition(":")
    application = getattr(importlib.import_module(module_name), attribute)
    assert callable(application)


@pytest.mark.parametrize("service", ["worker", "beat"])
def test_celery_commands_name_the_config_app(service):
    from celery import Celery

    cmd = command(service)
    assert cmd[:3] == ["celery", "-A", "config"]
    assert cmd[3] == service
    assert isinstance(importlib.import_module("config").celery_app, Celery)


def test_beat_schedule_is_defined_and_names_registered_tasks():
    from django.conf import settings

    from config import celery_app

    celery_app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule, "celery beat would start with nothing to do"
    for name, entry in schedule.items():
        assert entry["task"] in celery_app.tasks, f"beat entry {name} names unknown task {entry['task']}"


def test_dockerfile_builds_from_python_slim_with_requirements_and_static_files():
    dockerfile = (ROOT / "Dockerfile").read_text()

    assert re.search(r"^FROM python:3\.11-slim\b", dockerfile, re.M)
    assert "pip install -r requirements.txt" in dockerfile
    assert "collectstatic --noinput" in dockerfile
    assert re.search(r"^USER (?!root)\w+", dockerfile, re.M), "the app should not run as root"
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".venv", "db.sqlite3"} <= set(ignored)


def test_redis_keeps_the_queue_across_a_restart_and_never_evicts_it():
    redis = command("redis")
    assert redis[redis.index("--appendonly") + 1] == "yes"
    assert redis[redis.index("--maxmemory-policy") + 1] == "noeviction"
    assert SERVICES["redis"]["restart"] == "unless-stopped"


@pytest.mark.parametrize("service", APP_SERVICES)
def test_a_process_that_exits_is_started_again(service):
    assert SERVICES[service]["restart"] in ("unless-stopped", "always")


def test_the_worker_runs_without_gossip_and_mingle():
    assert {"--without-gossip", "--without-mingle"} <= set(command("worker"))
