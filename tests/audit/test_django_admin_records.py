"""What the Django admin shows of a practice's clinical records: nothing, or read-only and audited."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from allauth.usersessions.models import UserSession
from django.contrib import admin
from django.test import Client as HttpClient
from django.urls import reverse

from audit.admin import AuditedReadOnlyAdmin
from audit.models import AuditAction, AuditEvent
from clients.models import Client
from records.models import RetainedRecord
from tests.accounts.helpers import full_login
from tests.factories import TOTP_SECRET, make_user

# Named in the decision: never in the admin (the installation's operators treat nobody).
NOT_IN_THE_ADMIN = [
    "clients.Client",
    "clients.TherapySession",
    "clients.TherapistAssignment",
    "assessments.Administration",
    "assessments.Score",
    "assessments.AssessmentSchedule",
    "assessments.AssessmentRequest",
]


def _about_a_client(model) -> bool:
    for field in model._meta.concrete_fields:
        if field.name == "client_id" or field.attname == "client_id":
            return True
        if field.is_relation and field.related_model is Client:
            return True
    return model is Client


@pytest.fixture
def operator(db):
    user = make_user(None, "", mfa=True, is_staff=True, is_superuser=True)
    http = HttpClient()
    http.force_login(user)
    return user, http


def test_clinical_models_are_not_in_the_admin_or_read_only_and_audited():
    registered = {model._meta.label: model_admin for model, model_admin in admin.site._registry.items()}
    for label in NOT_IN_THE_ADMIN:
        assert label not in registered, label
    for model, model_admin in admin.site._registry.items():
        if model is AuditEvent:  # the trail itself: ids only, read-only
            continue
        if _about_a_client(model):
            assert isinstance(model_admin, AuditedReadOnlyAdmin), model._meta.label


def test_opening_a_retained_record_in_the_admin_is_written_to_the_trail(world, operator):
    user, http = operator
    kept = RetainedRecord.objects.create(
        practice=world.practice, client_id=world.client_a.pk, kind="assessment_scores", rows=[{"anxiety": 4.2}]
    )
    listing = http.get(reverse("admin:records_retainedrecord_changelist"))
    assert listing.status_code == 200
    assert not AuditEvent.objects.filter(kind="admin").exists()  # the list shows ids, no content
    page = http.get(reverse("admin:records_retainedrecord_change", args=[kept.pk]))
    assert page.status_code == 200
    event = AuditEvent.objects.get(kind="admin")
    assert (event.action, event.actor_id, event.client_id) == (AuditAction.VIEW, user.pk, world.client_a.pk)
    assert event.practice_id == world.practice.pk
    assert http.post(reverse("admin:records_retainedrecord_delete", args=[kept.pk]), {"post": "yes"}).status_code == 403


def test_allauth_admin_pages_show_no_totp_secret_and_no_session_key(world, operator):
    _, http = operator
    therapist = world.therapist_a
    signed_in = HttpClient()
    assert full_login(signed_in, therapist).status_code == 302
    [session] = UserSession.objects.filter(user=therapist)
    authenticator = Authenticator.objects.get(user=therapist, type=Authenticator.Type.TOTP)
    assert TOTP(authenticator).instance.data["secret"] == TOTP_SECRET
    page = http.get(reverse("admin:mfa_authenticator_change", args=[authenticator.pk]))
    assert page.status_code == 200 and TOTP_SECRET not in page.content.decode()
    page = http.get(reverse("admin:usersessions_usersession_change", args=[session.pk]))
    assert page.status_code == 200 and session.session_key not in page.content.decode()
    listing = http.get(reverse("admin:usersessions_usersession_changelist"))
    assert listing.status_code == 200
    assert signed_in.cookies["sessionid"].value not in listing.content.decode()
    found = http.get(reverse("admin:usersessions_usersession_changelist"), {"q": therapist.email})
    assert found.status_code == 200 and found.context["cl"].result_count == 1
