"""The one rule for what of a requested path may be written down or shown: never a secret.

Some links carry their credential in the path: invitations, one-click unsubscribe, allauth's
password-reset and email-confirmation keys, calendar feeds. Whoever reads the audit trail
(a practice admin, an installation operator in the Django admin) must not be able to use
them. The rule is by URL parameter name, so a new token-bearing URL is covered as soon as its
parameter is called `token`, `key` or ends in `_token` / `_key` (or `uidb36`/`uidb64`): the
path is cut at the first secret part and ends in HIDDEN.

It is applied when an event is written and again when one is shown, because rows written
before the rule existed still hold the raw path (the trail is append-only).
"""

from __future__ import annotations

from django.urls import Resolver404, resolve

HIDDEN = "…"
SECRET_NAMES = frozenset({"token", "key", "uidb36", "uidb64", "secret"})


def is_secret_name(name: str) -> bool:
    return name in SECRET_NAMES or name.endswith(("_token", "_key", "_secret"))


def _position(path: str, value: str) -> int:
    if not value:
        return -1
    # The value as a whole segment first: a short one ("1") may also occur in the prefix.
    segment = path.find("/" + value)
    return segment + 1 if segment >= 0 else path.find(value)


def scrub_path(path: str) -> str:
    """`path` without any URL parameter that works as a credential."""
    if not path:
        return path
    try:
        match = resolve(path)
    except Resolver404:
        return path
    cut = len(path)
    for name, value in match.kwargs.items():
        if not is_secret_name(name):
            continue
        at = _position(path, str(value))
        if at >= 0:
            cut = min(cut, at)
    if cut == len(path):
        return path
    return path[:cut] + HIDDEN
