"""A per-user limit on export requests (building a full export is heavy and a burst of them
from one account is a sign of scraping)."""

import time

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def consume_export(user) -> bool:
    """Count one export for `user`; False when the hourly limit is already used up."""
    window = int(time.time()) // WINDOW_SECONDS
    key = f"records:export:{user.pk}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS + 60)
        count = 1
    return count <= settings.EXPORT_RATE_LIMIT_PER_HOUR
