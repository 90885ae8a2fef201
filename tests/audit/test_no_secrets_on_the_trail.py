"""No link that works as a credential is written to the trail or shown from it."""

from django.test import Client as HttpClient
from django.urls import reverse

from accounts.models import Invitation, Role
from audit.models import AuditAction, AuditEvent
from audit.scrub import HIDDEN, scrub_path
from reminders.kinds import Kind
from reminders.services import unsubscribe_token
from tests.factories import make_user

NEW_PASSWORD = "Lighthouse-harbour-77"


def _invitation(world, email="trail@example.test"):
    return Invitation.objects.create(
        practice=world.practice,
        email=email,
        name="Trail",
        role=Role.CLIENT,
        therapist=world.therapist_a,
        invited_by=world.admin,
    )


def test_accepting_an_invitation_leaves_no_token_on_the_trail(world):
    invitation = _invitation(world)
    url = reverse("accounts:invitation_accept", args=[invitation.token])
    invitee = HttpClient()
    response = invitee.post(url, {"name": "Trail", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    login = AuditEvent.objects.get(action=AuditAction.LOGIN, actor__email="trail@example.test")
    assert login.path == "/accounts/invitation/" + HIDDEN
    assert not [e for e in AuditEvent.objects.all() if invitation.token in e.path]


def test_rows_written_before_the_rule_are_shown_without_their_token(world):
    raw = "an-old-raw-invitation-token-0123456789abcdef"
    AuditEvent.objects.create(
        actor=world.therapist_a,
        actor_role="therapist",
        practice=world.practice,
        action=AuditAction.LOGIN,
        path=f"/accounts/invitation/{raw}/",
    )
    practice_admin = HttpClient()
    practice_admin.force_login(world.admin)
    page = practice_admin.get(reverse("records:audit_search"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "/accounts/invitation/" in html and raw not in html

    operator = make_user(None, "", mfa=True, is_staff=True, is_superuser=True)
    http = HttpClient()
    http.force_login(operator)
    event = AuditEvent.objects.get(path__contains=raw)
    for url in (
        reverse("admin:audit_auditevent_changelist"),
        reverse("admin:audit_auditevent_change", args=[event.pk]),
    ):
        html = http.get(url).content.decode()
        assert "/accounts/invitation/" in html and raw not in html, url
    # Nor can the operator find it by searching for the token.
    found = http.get(reverse("admin:audit_auditevent_changelist"), {"q": raw})
    assert found.context["cl"].result_count == 0


def test_one_rule_hides_every_token_bearing_path(world):
    user = world.client_a.user
    cases = {
        reverse("accounts:invitation_accept", args=["SECRET123secret"]): "/accounts/invitation/",
        reverse(
            "reminders:unsubscribe", kwargs={"kind": Kind.DIARY, "token": unsubscribe_token(user, Kind.DIARY)}
        ): "/reminders/unsubscribe/diary/",
        reverse("account_reset_password_from_key", kwargs={"uidb36": "4", "key": "SECRET-set-password"}): (
            "/accounts/password/reset/key/"
        ),
        reverse("account_confirm_email", args=["SECRET-confirm"]): "/accounts/confirm-email/",
        # A therapist's calendar feed (appointments): named `token`, so covered by the same rule.
        reverse("appointments:feed", args=["SECRET-feed"]): reverse("appointments:feed", args=["x"])[:-2],
    }
    for path, kept in cases.items():
        assert scrub_path(path) == kept + HIDDEN, path
    plain = reverse("client_detail", kwargs={"pk": world.client_a.pk})
    assert scrub_path(plain) == plain
    assert scrub_path("/no/such/page/") == "/no/such/page/"
