"""Deploy checks for what the login depends on: rate limits and used TOTP codes live in the cache.

allauth counts failed logins and remembers used one-time codes in Django's default cache. A
per-process cache (LocMem, or the dummy cache that keeps nothing) gives each web process its
own counters: with four processes an attacker gets four times the attempts, and a code used
in one process can be replayed in another. How many web processes run is said by
WEB_CONCURRENCY, the variable gunicorn itself reads for its worker count (README).
"""

import os

from django.conf import settings
from django.core.checks import Error, Tags, register

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def web_processes() -> int:
    try:
        return max(1, int(os.environ.get("WEB_CONCURRENCY", "1")))
    except ValueError:
        return 1


@register(Tags.security, Tags.caches, deploy=True)
def shared_cache_for_several_web_processes(app_configs=None, **kwargs):
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    processes = web_processes()
    if processes > 1 and backend in PER_PROCESS_CACHES:
        return [
            Error(
                f"{processes} web processes (WEB_CONCURRENCY) would each keep their own login rate "
                f"limits and used two-factor codes in {backend.rsplit('.', 1)[-1]}.",
                hint="Set CACHE_URL to a shared cache (e.g. redis://host:6379/1), or run one web process.",
                id="securebase.E001",
            )
        ]
    return []
