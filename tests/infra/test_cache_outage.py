"""With CACHE_URL on a Redis that has stopped, login, password reset and the diary keep working,
and the limits kept in the cache (rate limits, used TOTP codes, exports) still hold, from the
process's memory. A real redis-server of the test's own is stopped, never the shared one."""

import uuid

import pyotp
import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from diary.models import DiaryEntry
from records import ratelimit
from tests.accounts.helpers import password_login
from tests.factories import TOTP_SECRET
from tests.faults import OwnRedis

pytestmark = pytest.mark.django_db


@pytest.fixture
def stopped_cache_redis(settings):
    with OwnRedis() as redis:
        settings.CACHES = {"default": {"BACKEND": "config.cache.FallbackRedisCache", "LOCATION": redis.url(1)}}
        cache.set("probe", "on redis")
        assert cache.get("probe") == "on redis"
        redis.kill()
        yield redis
        cache.clear()  # the memory fallback outlives the test otherwise


def test_a_client_logs_in_and_writes_the_diary_while_the_cache_redis_is_down(world, stopped_cache_redis):
    http = HttpClient()
    assert password_login(http, world.client_a.user.email).status_code == 302
    response = http.post(
        reverse("diary:quick_entry"),
        {
            "idempotency_key": str(uuid.uuid4()),
            "emotion": "lonely",
            "intensity": "6",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 302
    assert DiaryEntry.objects.filter(client=world.client_a).count() == 1


def test_password_reset_is_sent_while_the_cache_redis_is_down(world, stopped_cache_redis):
    response = HttpClient().post(reverse("account_reset_password"), {"email": world.client_a.user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_a_used_totp_code_is_still_refused_the_second_time(world, stopped_cache_redis):
    code = pyotp.TOTP(TOTP_SECRET).now()
    first, second = HttpClient(), HttpClient()
    password_login(first, world.therapist_a.email)
    assert first.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    password_login(second, world.therapist_a.email)
    again = second.post(reverse("mfa_authenticate"), {"code": code})
    assert again.status_code == 200  # refused: the code was used a moment ago


def test_login_rate_limit_still_holds_while_the_cache_redis_is_down(world, stopped_cache_redis):
    http = HttpClient()
    for _ in range(12):
        password_login(http, world.client_a.user.email, "wrong-password")
    refused = password_login(http, world.client_a.user.email)  # the right password, too late
    assert refused.status_code in (200, 429)
    assert "_auth_user_id" not in http.session


def test_export_limit_still_holds_while_the_cache_redis_is_down(world, stopped_cache_redis, settings):
    settings.EXPORT_RATE_LIMIT_PER_HOUR = 2
    allowed = [ratelimit.consume_export(world.client_a.user) for _ in range(3)]
    assert allowed == [True, True, False]
