"""The Redis cache, with a per-process memory cache to fall back on while Redis is away.

What the cache holds here are limits: login and password-reset rate limits (allauth), TOTP
codes already used (allauth refuses a reuse within its 30 seconds), data-export counts
(records.ratelimit). With Redis down the plain RedisCache raises, and every login answers 500.
This backend answers from memory instead, so logging in, resetting a password and writing the
diary keep working, and the limits still hold within each web process (a person spread over
several processes could get a few more attempts, and a TOTP code could be reused in another
process, for as long as Redis is down). After a failure Redis is left alone for a few seconds
(no request waits on a dead socket twice), then tried again. One log line when it goes away and
one when it is back.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

log = logging.getLogger("securebase.cache")

RETRY_AFTER_SECONDS = 5.0
_OUTAGE = (RedisConnectionError, RedisTimeoutError, OSError)
# A dead Redis must cost a request well under a second, once (then RETRY_AFTER_SECONDS of memory).
_FAST_FAIL = {"socket_connect_timeout": 0.3, "socket_timeout": 0.5, "retry_on_timeout": False}

# Shared by every thread of the process (Django makes one backend object per thread).
_state = {"down_until": 0.0, "down": False}


class FallbackRedisCache(RedisCache):
    def __init__(self, server, params):
        # No retries inside redis-py either: the memory fallback is the retry.
        options = {**_FAST_FAIL, "retry": Retry(NoBackoff(), 0), **params.get("OPTIONS", {})}
        super().__init__(server, {**params, "OPTIONS": options})
        self.fallback = LocMemCache("securebase-redis-fallback", {"TIMEOUT": params.get("TIMEOUT", 300)})

    def _use(self, name: str, *args, **kwargs):
        if time.monotonic() < _state["down_until"]:
            return getattr(self.fallback, name)(*args, **kwargs)
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except _OUTAGE as error:
            _state["down_until"] = time.monotonic() + RETRY_AFTER_SECONDS
            if not _state["down"]:
                _state["down"] = True
                log.warning("cache: Redis unreachable (%s); limits held in this process's memory", error)
            return getattr(self.fallback, name)(*args, **kwargs)
        if _state["down"]:
            _state["down"] = False
            log.warning("cache: Redis reachable again")
        return result

    def add(self, *args, **kwargs):
        return self._use("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._use("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._use("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._use("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._use("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._use("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._use("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._use("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._use("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._use("delete_many", *args, **kwargs)

    def clear(self):
        self.fallback.clear()
        return self._use("clear")
