import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client as HttpClient

from .pages import extend, pages

ROOT = Path(settings.BASE_DIR)
# A <script> without src runs inline code, unless it is a JSON data block (never executed).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\btype=[\"']?application/(?:ld\+)?json)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


def _walk(world):
    extend(world)
    for name, url, role, method, data in pages(world):
        with transaction.atomic():
            http = HttpClient()
            if world.users[role] is not None:
                http.force_login(world.users[role])
            response = http.post(url, data) if method == "post" else http.get(url)
            yield name, role, response
            transaction.set_rollback(True)


def _header_problems(response) -> list[str]:
    problems = []
    csp = response.get("Content-Security-Policy", "")
    if "default-src 'self'" not in csp or "script-src 'self'" not in csp or "frame-ancestors 'none'" not in csp:
        problems.append(f"CSP {csp!r}")
    if "unsafe-inline" in csp or "unsafe-eval" in csp:
        problems.append("CSP allows unsafe code")
    if response.get("X-Frame-Options") != "DENY":
        problems.append(f"X-Frame-Options {response.get('X-Frame-Options')!r}")
    if response.get("Referrer-Policy") != "same-origin":
        problems.append("Referrer-Policy")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("X-Content-Type-Options")
    return problems


def _inline_code(response) -> list[str]:
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return []
    html = response.content.decode("utf-8", "replace")
    found = []
    for label, pattern in (
        ("inline <script>", INLINE_SCRIPT),
        ("inline event handler", EVENT_HANDLER),
        ("style attribute", STYLE_ATTRIBUTE),
        ("javascript: URL", JAVASCRIPT_URL),
    ):
        match = pattern.search(html)
        if match:
            found.append(f"{label}: {match.group(0)[:80]}")
    return found


def test_every_page_sends_the_security_headers_and_no_inline_code(world):
    """One walk over every page (each GET row as every role that may open it, plus a refused
    one): headers on every answer, and no inline script, handler or style on any page."""
    problems, walked = [], 0
    for name, role, response in _walk(world):
        walked += 1
        where = f"{name} as {role} ({response.status_code})"
        problems += [f"{where}: {p}" for p in _header_problems(response) + _inline_code(response)]
    assert walked > 50
    assert not problems, "\n".join(sorted(set(problems)))


def test_no_template_in_the_project_has_inline_script_or_handlers():
    offences = []
    for template in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in template.parts or "staticfiles" in template.parts:
            continue
        text = template.read_text(encoding="utf-8")
        for label, pattern in (("inline <script>", INLINE_SCRIPT), ("event handler", EVENT_HANDLER)):
            if pattern.search(text):
                offences.append(f"{template.relative_to(ROOT)}: {label}")
        if STYLE_ATTRIBUTE.search(text):
            offences.append(f"{template.relative_to(ROOT)}: style attribute")
    assert not offences, "\n".join(offences)


def test_cookies_are_http_only_and_secure_in_production(world, settings):
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    http = HttpClient()
    http.force_login(world.client_a.user)
    response = http.get("/me/", secure=True)
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["secure"] and cookie["samesite"] == "Lax"


def test_hsts_is_sent_over_https_when_configured(world, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = HttpClient().get("/accounts/login/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.urls("tests.security.crash_urls")
def test_a_crash_in_production_shows_no_stack_trace_or_query(world, settings):
    settings.DEBUG = False
    http = HttpClient(raise_request_exception=False)
    http.force_login(world.therapist_a)
    response = http.get("/crash-for-test/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    for leak in ("Traceback", "secret_column_that_does_not_exist", "SELECT", "psycopg", 'File "'):
        assert leak not in body
    assert "default-src 'self'" in response.get("Content-Security-Policy", "")


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "0",
        "HTTPS": "1",
        "SECURE_SSL_REDIRECT": "1",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECRET_KEY": "x7Qk2-production-like-secret-key-for-the-check-0a9d8f7g6h5j4k3l2m1n",
        "ALLOWED_HOSTS": "securebase.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
