"""The Django admin has no door of its own: the app's login (rate-limited, second factor) only."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.test import Client as HttpClient
from django.urls import reverse

from tests.factories import PASSWORD, make_user

from .helpers import full_login, password_login

ADMIN_LOGIN = "/django-admin/login/"


@pytest.fixture(autouse=True)
def _private_cache(settings):
    """Rate-limit counters in a cache of this test's own (never flush a shared Redis)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "admin"}}
    cache.clear()


def _superuser(mfa: bool):
    return make_user(None, "", mfa=mfa, is_staff=True, is_superuser=True)


def _admin_pages() -> list[str]:
    """Every page of the admin site: the index, each app, each model's list, add and change."""
    pages = [reverse("admin:index"), reverse("admin:password_change")]
    for model in admin.site._registry:
        opts = model._meta
        pages.append(reverse("admin:app_list", args=[opts.app_label]))
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        first = model._base_manager.order_by("pk").values_list("pk", flat=True).first()
        if first is not None:
            pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first]))
    return sorted(set(pages))


def test_the_admin_login_sends_to_the_app_login_with_a_safe_next(db):
    http = HttpClient()
    entry = http.get(reverse("admin:index"))
    assert entry.status_code == 302 and entry["Location"].startswith(ADMIN_LOGIN)
    login = http.get(entry["Location"])
    target = urlparse(login["Location"])
    assert login.status_code == 302 and target.path == reverse("account_login")
    assert parse_qs(target.query)["next"] == [reverse("admin:index")]
    for unsafe in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        response = http.get(ADMIN_LOGIN, {"next": unsafe})
        assert parse_qs(urlparse(response["Location"]).query)["next"] == [reverse("admin:index")], unsafe


def test_twelve_wrong_passwords_then_the_right_one_do_not_get_in(world):
    superuser = _superuser(mfa=True)
    attacker = HttpClient()
    form = {"username": superuser.email, "this_is_the_login_form": "1", "next": "/django-admin/"}
    for _ in range(12):
        attacker.post(ADMIN_LOGIN, {**form, "password": "not-the-password-1"})
    attacker.post(ADMIN_LOGIN, {**form, "password": PASSWORD})
    assert "_auth_user_id" not in attacker.session
    assert attacker.get(reverse("admin:index"))["Location"].startswith(ADMIN_LOGIN)

    # The one login there is: allauth's, whose limit refuses the right password after that.
    for _ in range(12):
        password_login(attacker, superuser.email, "not-the-password-1")
    refused = password_login(attacker, superuser.email, PASSWORD)
    assert refused.status_code in (200, 429)
    assert "_auth_user_id" not in attacker.session
    assert attacker.get(reverse("admin:index")).status_code == 302


def test_a_superuser_without_two_factor_reaches_no_admin_page(world):
    superuser = _superuser(mfa=False)
    http = HttpClient()
    assert password_login(http, superuser.email).status_code == 302
    assert "_auth_user_id" in http.session
    pages = _admin_pages()
    assert len(pages) > 10
    for page in pages:
        opened = http.get(page, HTTP_SEC_FETCH_DEST="document", HTTP_ACCEPT="text/html")
        assert opened.status_code == 302, page
        assert opened["Location"].startswith(reverse("mfa_activate_totp")), page
        fetched = http.get(page, HTTP_SEC_FETCH_DEST="empty", HTTP_ACCEPT="application/json")
        assert fetched.status_code == 403, page


def test_staff_without_superuser_needs_two_factor_too(world):
    staff = make_user(None, "", mfa=False, is_staff=True)
    http = HttpClient()
    password_login(http, staff.email)
    response = http.get(reverse("admin:index"), HTTP_SEC_FETCH_DEST="document")
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_activate_totp"))


def test_with_two_factor_the_superuser_gets_in_through_the_app_login(world):
    superuser = _superuser(mfa=True)
    http = HttpClient()
    password_step = password_login(http, superuser.email)
    assert password_step["Location"].startswith(reverse("mfa_authenticate"))
    assert http.get(reverse("admin:index")).status_code == 302  # the password alone is not enough
    http = HttpClient()
    assert full_login(http, superuser).status_code == 302
    assert http.get(reverse("admin:index")).status_code == 200
    assert http.get(reverse("admin:accounts_user_changelist")).status_code == 200
