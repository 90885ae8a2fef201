"""The old session store's rows are removed once copied: they held who was logged in and their
session data, and nothing would ever clear them (clearsessions clears the store in use)."""

import importlib

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session as OldSession
from django.utils import timezone

from audit.models import Session

pytestmark = pytest.mark.django_db


def test_the_old_session_rows_are_removed_and_the_new_store_is_left_alone():
    OldSession.objects.create(session_key="old1", session_data="x", expire_date=timezone.now())
    Session.objects.create(session_key="new1", session_data="y", expire_date=timezone.now())
    migration = importlib.import_module("audit.migrations.0004_forget_old_sessions")
    migration.forget_old_sessions(apps, None)
    assert not OldSession.objects.exists()
    assert list(Session.objects.values_list("session_key", flat=True)) == ["new1"]
