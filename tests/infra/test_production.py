"""Production mode: deploy checks clean, no stack traces, hashed static files."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "securebase.example.org",
    "HTTPS": "1",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "STATIC_MANIFEST": "1",
}


def outside_pytest_env() -> dict[str, str]:
    # tests/conftest.py allows async-unsafe ORM calls for Playwright; a deployment must not.
    return {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**outside_pytest_env(), **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        timeout=240,
    )


def test_deploy_check_passes_with_production_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_rejects_the_development_secret_key():
    result = manage("check", "--deploy", "--fail-level", "WARNING", SECRET_KEY="django-insecure-dev-only-key-change-me")

    assert result.returncode != 0
    assert "security.W009" in result.stderr


def test_collectstatic_writes_hashed_compressed_files(tmp_path):
    result = manage("collectstatic", "--noinput", STATIC_ROOT=str(tmp_path))

    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    hashed = manifest["vendor/bootstrap/bootstrap.min.css"]
    assert hashed != "vendor/bootstrap/bootstrap.min.css"
    assert (tmp_path / hashed).is_file()
    assert (tmp_path / f"{hashed}.gz").is_file()


@pytest.mark.django_db
def test_unknown_page_shows_translated_404_without_debug_details(client, settings):
    settings.DEBUG = False

    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="nl")

    assert response.status_code == 404
    body = response.content.decode()
    assert "Pagina niet gevonden" in body
    assert "Traceback" not in body and "URLconf" not in body


def test_server_error_page_is_plain_and_translated(settings):
    settings.DEBUG = False
    from django.utils import translation

    with translation.override("nl"):
        response = server_error(RequestFactory().get("/"))

    body = response.content.decode()
    assert response.status_code == 500
    assert "Er is iets misgegaan" in body
    assert "Traceback" not in body
