"""This server's VAPID key pair (RFC 8292): push services accept messages signed with it.

Self-hosted: the keys come from the environment (VAPID_PRIVATE_KEY, VAPID_PUBLIC_KEY), made
once with `manage.py vapid_keys`. Without them push is off and the devices page says so.
"""

import base64

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def new_key_pair() -> tuple[str, str]:
    """(private, public), both base64url: the raw 32-byte secret and the uncompressed point."""
    key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_numbers().private_value.to_bytes(32, "big")
    return b64url(private), _public(key)


def public_key_of(private: str) -> str:
    """The base64url public key belonging to a base64url raw private key (ValueError if it is none)."""
    raw = base64.urlsafe_b64decode(private + "=" * (-len(private) % 4))
    if len(raw) != 32:
        raise ValueError("not a raw P-256 private key")
    return _public(ec.derive_private_key(int.from_bytes(raw, "big"), ec.SECP256R1()))


def _public(key: ec.EllipticCurvePrivateKey) -> str:
    point = serialization.PublicFormat.UncompressedPoint
    return b64url(key.public_key().public_bytes(serialization.Encoding.X962, point))


def configured() -> bool:
    return bool(settings.VAPID_PRIVATE_KEY and settings.VAPID_PUBLIC_KEY)


def public_key() -> str:
    return settings.VAPID_PUBLIC_KEY


def subject() -> str:
    """Who the push service may contact about this sender: VAPID_SUBJECT, or the site's address."""
    return settings.VAPID_SUBJECT or settings.SITE_URL
