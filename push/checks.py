"""Startup check: a VAPID pair that does not belong together makes every push service refuse
every message, silently; say so when the server starts instead."""

from django.conf import settings
from django.core.checks import Warning as CheckWarning

from .vapid import public_key_of


def vapid_pair(app_configs=None, **kwargs):
    private, public = settings.VAPID_PRIVATE_KEY, settings.VAPID_PUBLIC_KEY
    if not private and not public:
        return []  # push is simply off
    if not (private and public):
        return [CheckWarning("Only one of VAPID_PRIVATE_KEY and VAPID_PUBLIC_KEY is set: push is off.", id="push.W001")]
    try:
        matches = public_key_of(private) == public
    except ValueError:
        matches = False
    if not matches:
        return [
            CheckWarning(
                "VAPID_PUBLIC_KEY is not the public half of VAPID_PRIVATE_KEY: push services refuse every message.",
                hint="Run `manage.py vapid_keys` and set both lines it prints.",
                id="push.W002",
            )
        ]
    return []
