import os
from dataclasses import dataclass, field

import pytest

from accounts.models import Role

from .factories import make_client, make_practice, make_user
from .worker import (  # noqa: F401  (the Celery worker fixture and its hooks, for every test)
    _celery_test_defaults,
    _celery_worker_session,
    celery_worker_process,
    pytest_runtest_makereport,
)

# Playwright's sync API runs an event loop in the test thread; Django then refuses ORM calls
# from "async" context in browser tests unless this is set. Only tests set it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    """Two practices with every role the access matrix walks.

    practice: admin, therapist_a (treats client_a), therapist_other (treats client_b),
    client_a, client_b.  other practice: admin_x, therapist_x, client_x.
    Apps add their own records (a diary entry of client A, …) in `extra`.
    """

    practice: object
    other_practice: object
    admin: object
    therapist_a: object
    therapist_other: object
    client_a: object
    client_b: object
    admin_x: object
    therapist_x: object
    client_x: object
    extra: dict = field(default_factory=dict)

    @property
    def users(self) -> dict:
        return {
            "anon": None,
            "client_a": self.client_a.user,
            "client_b": self.client_b.user,
            "therapist_a": self.therapist_a,
            "therapist_other": self.therapist_other,
            "admin": self.admin,
            "therapist_x": self.therapist_x,
            "admin_x": self.admin_x,
        }


def build_world() -> World:
    practice = make_practice("Practice One")
    other = make_practice("Practice Two")
    therapist_a = make_user(practice, Role.THERAPIST, name="Therapist A")
    therapist_other = make_user(practice, Role.THERAPIST, name="Therapist Other")
    therapist_x = make_user(other, Role.THERAPIST, name="Therapist X")
    return World(
        practice=practice,
        other_practice=other,
        admin=make_user(practice, Role.ADMIN, name="Admin One"),
        therapist_a=therapist_a,
        therapist_other=therapist_other,
        client_a=make_client(practice, therapist_a, name="Client A"),
        client_b=make_client(practice, therapist_other, name="Client B"),
        admin_x=make_user(other, Role.ADMIN, name="Admin X"),
        therapist_x=therapist_x,
        client_x=make_client(other, therapist_x, name="Client X"),
    )


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture(autouse=True)
def _seeded_reference_data(request):
    """Put data-migration rows back after a transactional test flushed them.

    Browser and worker tests run with transaction=True, and Django empties every table after
    each of them, data seeded by migrations included (the diary's pattern tags). Tests that
    run after one would otherwise see an app that real installs never are.
    """
    if "db" not in request.fixturenames:
        return
    request.getfixturevalue("db")
    from importlib import import_module

    from django.apps import apps

    from diary.models import PatternTag

    if not PatternTag.objects.exists():
        import_module("diary.migrations.0002_seed_pattern_tags").seed(apps, None)
