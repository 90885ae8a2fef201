"""A wrong second-factor code is on the trail like a wrong password (who, when, from where)."""

import pyotp
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import translation

from audit.kinds import kind_label
from audit.models import AuditAction, AuditEvent
from tests.accounts.helpers import password_login
from tests.factories import TOTP_SECRET


def test_a_wrong_code_at_login_is_recorded_as_a_failed_login(world):
    therapist = world.therapist_a
    http = HttpClient(REMOTE_ADDR="203.0.113.9")
    step = password_login(http, therapist.email)
    assert step["Location"].startswith(reverse("mfa_authenticate"))
    right = pyotp.TOTP(TOTP_SECRET).now()
    wrong = f"{(int(right) + 1) % 1000000:06d}"
    http.post(reverse("mfa_authenticate"), {"code": wrong})
    assert "_auth_user_id" not in http.session
    failed = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert (failed.actor_id, failed.kind, failed.ip) == (therapist.pk, "mfa", "203.0.113.9")
    assert failed.practice_id == therapist.practice_id
    assert wrong not in str(list(AuditEvent.objects.values_list()))
    # The reader sees what it was, in words, in English and Dutch.
    assert kind_label("mfa") == "Two-factor code"
    with translation.override("nl"):
        assert kind_label("mfa") == "Code voor tweestapsverificatie"
