import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits_and_used_codes():
    # allauth keeps rate-limit counters and used TOTP codes in the cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()
