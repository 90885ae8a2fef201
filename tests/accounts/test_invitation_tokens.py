"""Invitation tokens at rest: only their SHA-256 is stored; the raw token lives in the email."""

import hashlib
import importlib

import pytest
from django.apps import apps
from django.core import mail
from django.test import Client as HttpClient
from django.urls import reverse

from accounts import services
from accounts.models import Invitation, Role

from .test_invitations import NEW_PASSWORD, invite, link_from_last_email, path_of


@pytest.fixture
def admin_http(world):
    http = HttpClient()
    http.force_login(world.admin)
    return http


def _raw_token(url: str) -> str:
    return path_of(url).rstrip("/").rsplit("/", 1)[-1]


def _everything_stored(invitation: Invitation) -> str:
    return repr(list(Invitation.objects.filter(pk=invitation.pk).values_list()))


def test_the_database_holds_only_the_hash_and_the_link_still_works(world, admin_http):
    invite(admin_http, world)
    raw = _raw_token(link_from_last_email())
    invitation = Invitation.objects.get(email="fleur@example.test")
    assert invitation.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in _everything_stored(invitation)
    assert invitation.token is None  # read back from the database: no raw token to show
    page = HttpClient().get(reverse("accounts:invitation_accept", args=[raw]))
    assert page.status_code == 200
    # The hash itself is no key.
    assert HttpClient().get(reverse("accounts:invitation_accept", args=[invitation.token_hash])).status_code == 404


def test_a_resent_link_replaces_the_old_one_and_is_stored_hashed(world, admin_http):
    invite(admin_http, world)
    old = _raw_token(link_from_last_email())
    invitation = services.resend_invitation(Invitation.objects.get(email="fleur@example.test"))
    new = _raw_token(link_from_last_email())
    assert new != old and len(mail.outbox) == 2
    assert new not in _everything_stored(invitation) and old not in _everything_stored(invitation)
    assert services.find_invitation(old) is None
    assert services.find_invitation(new).pk == invitation.pk
    user = services.accept_invitation(new, password=NEW_PASSWORD)
    assert user.email == "fleur@example.test" and user.role == Role.CLIENT


def test_links_emailed_before_the_migration_keep_working(world):
    """The data migration hashes the raw tokens already stored, so an emailed link still opens."""
    raw = "emailed-before-hashing-aaaaaaaaaaaaaaaaaaaaaaaaa"
    invitation = Invitation.objects.create(
        practice=world.practice, email="early@example.test", name="Early", role=Role.CLIENT, invited_by=world.admin
    )
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=raw)  # as the old schema stored it
    migration = importlib.import_module("accounts.migrations.0002_invitation_token_hash")
    migration.hash_existing(apps, None)
    assert raw not in _everything_stored(invitation)
    assert HttpClient().get(reverse("accounts:invitation_accept", args=[raw])).status_code == 200
