"""The database connection cut and frozen through a TCP proxy the test starts between Django and
PostgreSQL: every request answers 503 with Retry-After and a page in the person's language that
says their entry was not saved; one log line per request, no traceback; a frozen database is
given up on within the connect timeout; after recovery the same entry sent again is saved
once (nothing doubled)."""

import logging
import time
import uuid

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from diary.models import DiaryEntry
from tests.conftest import build_world
from tests.faults import TCPProxy
from tests.worker import _skip_or_fail

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def proxied_database():
    if connection.vendor != "postgresql":
        _skip_or_fail("the database outage test needs PostgreSQL (DATABASE_URL)")
    settings_dict = connection.settings_dict
    saved = {key: settings_dict.get(key) for key in ("HOST", "PORT", "CONN_MAX_AGE")}
    saved_options = dict(settings_dict.get("OPTIONS", {}))
    with TCPProxy(saved["HOST"] or "127.0.0.1", int(saved["PORT"] or 5432)) as proxy:
        connection.close()
        settings_dict.update({"HOST": "127.0.0.1", "PORT": str(proxy.port), "CONN_MAX_AGE": 0})
        settings_dict["OPTIONS"] = {**saved_options, "connect_timeout": 2}
        try:
            yield proxy
        finally:
            proxy.heal()
            connection.close()
            settings_dict.update(saved)
            settings_dict["OPTIONS"] = saved_options


def entry_form(key: str) -> dict:
    return {
        "idempotency_key": key,
        "emotion": "lonely",
        "intensity": "7",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    }


def dutch_client_browser(world) -> HttpClient:
    world.client_a.user.language = "nl"
    world.client_a.user.save(update_fields=["language"])
    http = HttpClient(raise_request_exception=False, headers={"accept-language": "nl"})
    http.force_login(world.client_a.user)
    return http


def outage_lines(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.WARNING and r.name.startswith(("django", "securebase"))]


def test_a_cut_database_answers_503_in_the_users_language_and_nothing_is_doubled(proxied_database, caplog):
    world = build_world()
    http = dutch_client_browser(world)
    key = str(uuid.uuid4())
    proxied_database.cut()
    with caplog.at_level(logging.WARNING):
        response = http.post(reverse("diary:quick_entry"), entry_form(key))
        page = http.get(reverse("client_home"))
    assert response.status_code == 503 and page.status_code == 503
    assert response["Retry-After"] == "30"
    assert "wat je net verstuurde is niet opgeslagen" in response.content.decode()
    lines = outage_lines(caplog)
    assert len(lines) == 2, [r.getMessage() for r in lines]  # one per request
    assert all(r.exc_info is None for r in lines)  # no traceback
    assert "database unavailable: POST /diary/" in lines[0].getMessage()

    proxied_database.heal()
    again = http.post(reverse("diary:quick_entry"), entry_form(key))  # the person sends it again
    twice = http.post(reverse("diary:quick_entry"), entry_form(key))  # and once more, to be sure
    assert again.status_code == twice.status_code == 302
    assert DiaryEntry.objects.filter(client=world.client_a).count() == 1


def test_a_frozen_database_is_given_up_on_within_the_connect_timeout(proxied_database, caplog):
    world = build_world()
    http = dutch_client_browser(world)
    proxied_database.freeze()
    started = time.monotonic()
    with caplog.at_level(logging.WARNING):
        response = http.post(reverse("diary:quick_entry"), entry_form(str(uuid.uuid4())))
    elapsed = time.monotonic() - started
    assert response.status_code == 503 and response["Retry-After"]
    assert elapsed < 10, f"held the request {elapsed:.1f} s"
    assert all(r.exc_info is None for r in outage_lines(caplog))
    proxied_database.heal()
    assert DiaryEntry.objects.filter(client=world.client_a).count() == 0
