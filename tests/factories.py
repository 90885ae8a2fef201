"""Small builders for test data; plain functions, no factory library."""

import itertools

from allauth.mfa.totp.internal.auth import TOTP

from accounts.models import Practice, Role, User
from clients.models import Client
from clients.services import assign_therapist

PASSWORD = "correct-horse-battery-9"
# A fixed base32 secret so tests (and the browser test) can compute TOTP codes with pyotp.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
_seq = itertools.count(1)


def make_practice(name: str | None = None) -> Practice:
    n = next(_seq)
    name = name or f"Practice {n}"
    return Practice.objects.create(name=name, slug=f"practice-{n}")


def make_user(
    practice: Practice | None,
    role: str,
    *,
    email: str | None = None,
    name: str = "",
    mfa: bool | None = None,
    language: str = "en",
    password: str = PASSWORD,
    **extra,
) -> User:
    n = next(_seq)
    user = User.objects.create_user(
        email=email or f"{role or 'user'}{n}@example.test",
        password=password,
        practice=practice,
        role=role,
        name=name or f"{role.title()} {n}",
        language=language,
        **extra,
    )
    # Staff must have two-factor before the access policy lets them see anything.
    if mfa if mfa is not None else role in (Role.THERAPIST, Role.ADMIN):
        TOTP.activate(user, TOTP_SECRET)
    _verify_email(user)
    return user


def _verify_email(user: User) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})


def make_client(
    practice: Practice,
    therapist: User | None = None,
    *,
    name: str = "",
    language: str = "en",
    user: User | None = None,
    **fields,
) -> Client:
    n = next(_seq)
    user = user or make_user(practice, Role.CLIENT, name=name or f"Client {n}", language=language)
    client = Client.objects.create(practice=practice, user=user, display_name=name or user.name, **fields)
    if therapist is not None:
        assign_therapist(client, therapist, by=None)
        client.refresh_from_db()
    return client
