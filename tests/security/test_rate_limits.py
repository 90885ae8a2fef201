"""allauth's limits on login and password reset, as configured in settings, really refuse."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client as HttpClient
from django.urls import reverse

from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def _private_cache(settings):
    """Rate-limit counters in a cache of this test's own (never flush a shared Redis)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "trust"}}
    cache.clear()


def test_repeated_failed_logins_lock_the_account_even_for_the_right_password(world):
    email = world.client_a.user.email
    http = HttpClient()
    for _ in range(5):
        response = http.post(reverse("account_login"), {"login": email, "password": "not-the-password-1"})
        assert response.status_code == 200
    response = http.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in http.session
    # Another account from elsewhere is not affected.
    other = HttpClient(REMOTE_ADDR="198.51.100.9")
    ok = other.post(reverse("account_login"), {"login": world.client_b.user.email, "password": PASSWORD})
    assert ok.status_code == 302 and "_auth_user_id" in other.session


def test_a_few_failed_logins_do_not_lock_the_account(world):
    http = HttpClient()
    for _ in range(3):
        http.post(reverse("account_login"), {"login": world.client_a.user.email, "password": "not-the-password-1"})
    response = http.post(reverse("account_login"), {"login": world.client_a.user.email, "password": PASSWORD})
    assert response.status_code == 302 and "_auth_user_id" in http.session


def test_password_reset_requests_are_limited_per_address(world):
    email = world.client_a.user.email
    http = HttpClient()
    statuses = [http.post(reverse("account_reset_password"), {"email": email}).status_code for _ in range(7)]
    assert statuses[0] == 302
    assert 429 in statuses
    assert len(mail.outbox) <= 5
