"""Writes: a device's subscription saved (or moved to this user) and removed."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from clients import access

from .models import PushSubscription

# A person has a handful of phones and computers; more is a script, not a person.
MAX_DEVICES = 10


def endpoint_allowed(endpoint: str) -> bool:
    """Only the browser makers' push services: the server POSTs to this address, so an
    arbitrary one would let anyone make it call into the practice's own network."""
    parts = urlsplit(endpoint)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" and not (parts.scheme == "http" and settings.PUSH_ALLOW_HTTP):
        return False
    return any(host == allowed or host.endswith("." + allowed) for allowed in settings.PUSH_SERVICE_HOSTS)


def device_label(user_agent: str) -> str:
    """'Chrome, Android', 'Safari, iPhone', …: enough to recognise a device in the list."""
    ua = user_agent or ""
    system = next(
        (
            name
            for key, name in (
                ("iPhone", "iPhone"),
                ("iPad", "iPad"),
                ("Android", "Android"),
                ("Windows", "Windows"),
                ("Mac OS X", "Mac"),
                ("Linux", "Linux"),
            )
            if key in ua
        ),
        "",
    )
    browser = next(
        (
            name
            for key, name in (("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari"))
            if key in ua
        ),
        "Browser",
    )
    # Not translated: stored once, read later in whatever language the person then uses.
    return f"{browser}, {system}" if system else browser


def subscribe(user, data: dict, user_agent: str = "") -> PushSubscription:
    """Save the browser's PushSubscription (its toJSON()); the same endpoint again updates it."""
    if not isinstance(data, dict):
        raise ValidationError(_("This device could not be registered. Please try again."))
    endpoint = data.get("endpoint")
    keys = data.get("keys") if isinstance(data.get("keys"), dict) else {}
    p256dh, auth = keys.get("p256dh"), keys.get("auth")
    if not (isinstance(endpoint, str) and isinstance(p256dh, str) and isinstance(auth, str)):
        raise ValidationError(_("This device could not be registered. Please try again."))
    if len(endpoint) > 1000 or len(p256dh) > 200 or len(auth) > 100 or not endpoint_allowed(endpoint):
        raise ValidationError(_("This browser's push service is not one securebase sends to."))
    existing = PushSubscription.objects.filter(endpoint=endpoint).first()
    if existing is None and PushSubscription.objects.filter(user=user).count() >= MAX_DEVICES:
        raise ValidationError(_("You have too many devices with notifications. Remove one first."))
    # An endpoint belongs to one browser profile: whoever subscribes it last receives on it.
    try:
        with transaction.atomic():
            subscription, _created = PushSubscription.objects.update_or_create(
                endpoint=endpoint,
                defaults={"user": user, "p256dh": p256dh, "auth": auth, "label": device_label(user_agent)[:80]},
            )
    except IntegrityError:
        # Held by someone of another practice (row security hides it): they must turn it off first.
        raise ValidationError(_("This device could not be registered. Please try again.")) from None
    return subscription


def remove(user, pk: int) -> bool:
    deleted, _counts = access.own_records(user, PushSubscription).filter(pk=pk).delete()
    return bool(deleted)


def forget_device(user, endpoint: str) -> bool:
    """Logging out on a shared phone: this browser's subscription stops receiving reminders."""
    if not endpoint:
        return False
    deleted, _counts = access.own_records(user, PushSubscription).filter(endpoint=endpoint).delete()
    return bool(deleted)
