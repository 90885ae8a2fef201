import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import Invitation, Role, User, hash_token
from accounts.signals import invitation_accepted
from clients.models import Client, TherapistAssignment

NEW_PASSWORD = "Lighthouse-harbour-77"


@pytest.fixture
def admin_http(world):
    http = HttpClient()
    http.force_login(world.admin)
    return http


def invite(admin_http, world, **overrides):
    data = {
        "name": "Fleur de Boer",
        "email": "fleur@example.test",
        "role": Role.CLIENT,
        "language": "nl",
        "therapist": world.therapist_a.pk,
        **overrides,
    }
    return admin_http.post(reverse("practice_invite"), data)


def link_from_last_email() -> str:
    return re.search(r"https?://\S+/accounts/invitation/\S+/", mail.outbox[-1].body).group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_admin_invites_a_client_by_email_in_the_invitees_language(world, admin_http, settings):
    settings.SITE_URL = "https://praktijk.example"

    response = invite(admin_http, world)

    assert response.status_code == 302
    invitation = Invitation.objects.get(email="fleur@example.test")
    assert invitation.practice == world.practice and invitation.invited_by == world.admin
    assert invitation.expires_at - timezone.now() > timedelta(days=6, hours=23)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["fleur@example.test"]
    link = re.search(r"https://praktijk\.example/accounts/invitation/([^/\s]+)/", message.body)
    assert link and hash_token(link.group(1)) == invitation.token_hash
    assert "Uitnodiging" in message.subject and "wachtwoord" in message.body


def test_accepting_a_client_invitation_creates_the_record_and_logs_in(world, admin_http):
    invite(admin_http, world)
    url = path_of(link_from_last_email())
    invitee = HttpClient()

    page = invitee.get(url)
    assert page.status_code == 200 and b"fleur@example.test" in page.content
    assert "Welkom bij securebase" in page.content.decode()  # the language the admin chose for her
    response = invitee.post(url, {"name": "Fleur de Boer", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    user = User.objects.get(email="fleur@example.test")
    assert (user.role, user.practice, user.language) == (Role.CLIENT, world.practice, "nl")
    assert EmailAddress.objects.get(user=user).verified
    client = Client.objects.get(user=user)
    assert client.therapist == world.therapist_a and client.practice == world.practice
    assignment = TherapistAssignment.objects.get(client=client)
    assert assignment.assigned_by == world.admin and assignment.ended_at is None
    home = invitee.get(reverse("client_home"))
    assert home.status_code == 200 and home.wsgi_request.user == user


def test_accepted_therapist_lands_logged_in_and_is_sent_to_enrol_two_factor(world, admin_http):
    invite(admin_http, world, role=Role.THERAPIST, therapist="", email="t.new@example.test", language="en")
    invitee = HttpClient()
    url = path_of(link_from_last_email())

    invitee.post(url, {"name": "New Therapist", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    response = invitee.get(reverse("dashboard:caseload"))

    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_activate_totp"))
    # Setting the password counts as a fresh authentication: enrolment does not ask for it again.
    assert invitee.get(reverse("mfa_activate_totp")).status_code == 200
    assert not Client.objects.filter(user__email="t.new@example.test").exists()


def test_an_invitation_link_works_only_once(world, admin_http):
    invite(admin_http, world)
    url = path_of(link_from_last_email())
    HttpClient().post(url, {"name": "Fleur", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    again = HttpClient().post(url, {"name": "Someone", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert again.status_code == 410
    assert "al gebruikt" in again.content.decode()  # the invitee's language (nl)
    assert User.objects.filter(email="fleur@example.test").count() == 1


def test_an_expired_invitation_is_refused_with_a_clear_message(world, admin_http):
    invite(admin_http, world, language="en")
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    response = HttpClient().get(path_of(link_from_last_email()))

    assert response.status_code == 410
    assert "This invitation has expired" in response.content.decode()


def test_a_revoked_invitation_is_refused(world, admin_http):
    invite(admin_http, world, language="en")
    invitation = Invitation.objects.get()

    admin_http.post(reverse("practice_invitation_revoke", args=[invitation.pk]))
    response = HttpClient().post(
        path_of(link_from_last_email()), {"name": "X", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert response.status_code == 410 and "withdrawn" in response.content.decode()
    assert not User.objects.filter(email="fleur@example.test").exists()


def test_resending_makes_a_new_link_and_kills_the_old_one(world, admin_http):
    invite(admin_http, world, language="en")
    old_url = path_of(link_from_last_email())
    invitation = Invitation.objects.get()
    Invitation.objects.update(expires_at=timezone.now() + timedelta(hours=1))

    admin_http.post(reverse("practice_invitation_resend", args=[invitation.pk]))

    new_url = path_of(link_from_last_email())
    assert len(mail.outbox) == 2 and new_url != old_url
    assert HttpClient().get(old_url).status_code == 404
    assert HttpClient().get(new_url).status_code == 200
    invitation.refresh_from_db()
    assert invitation.expires_at - timezone.now() > timedelta(days=6)


def test_an_address_used_in_another_practice_is_refused_without_naming_it(world, admin_http):
    response = invite(admin_http, world, email=world.client_x.user.email.upper(), name="Typed Name")

    content = response.content.decode()
    assert response.status_code == 400
    assert "already has an account" in content or "al een account" in content
    assert world.other_practice.name not in content
    assert 'value="Typed Name"' in content  # what was typed is kept
    assert not Invitation.objects.exists() and not mail.outbox


def test_the_same_message_for_an_address_used_in_this_practice(world, admin_http):
    here = invite(admin_http, world, email=world.client_b.user.email)
    elsewhere = invite(admin_http, world, email=world.client_x.user.email)

    assert here.context["form"].errors["email"] == elsewhere.context["form"].errors["email"]


def test_a_client_invitation_needs_a_therapist_and_keeps_the_input(world, admin_http):
    response = invite(admin_http, world, therapist="", language="en")

    assert response.status_code == 400
    assert "Choose the therapist" in response.content.decode()
    assert 'value="fleur@example.test"' in response.content.decode()


def test_a_weak_password_is_refused_and_the_name_kept(world, admin_http):
    invite(admin_http, world, language="en")
    url = path_of(link_from_last_email())

    response = HttpClient().post(url, {"name": "Fleur Typed", "password1": "12345678", "password2": "12345678"})

    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert 'value="Fleur Typed"' in response.content.decode()
    assert not User.objects.filter(email="fleur@example.test").exists()


def test_mismatched_passwords_are_refused(world, admin_http):
    invite(admin_http, world, language="en")

    response = HttpClient().post(
        path_of(link_from_last_email()), {"name": "F", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"}
    )

    assert "do not match" in response.content.decode()


def test_unknown_token_is_not_found(db):
    response = HttpClient().get(reverse("accounts:invitation_accept", args=["not-a-token"]))

    assert response.status_code == 404


def test_a_logged_in_user_cannot_accept_an_invitation_for_someone_else(world, admin_http):
    invite(admin_http, world)
    http = HttpClient()
    http.force_login(world.client_b.user)

    response = http.post(
        path_of(link_from_last_email()), {"name": "X", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert response.status_code == 200 and b"log out first" in response.content
    assert not User.objects.filter(email="fleur@example.test").exists()


def test_invitation_sending_is_rate_limited_per_admin(world, admin_http, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "send_invitation": "2/h/user"}

    first = invite(admin_http, world, email="a1@example.test")
    second = invite(admin_http, world, email="a2@example.test")
    third = invite(admin_http, world, email="a3@example.test", language="en")

    assert first.status_code == second.status_code == 302
    assert third.status_code == 400 and "many invitations" in third.content.decode()
    assert Invitation.objects.count() == 2 and len(mail.outbox) == 2
    # Another admin has their own allowance.
    other = HttpClient()
    other.force_login(world.admin_x)
    assert (
        other.post(
            reverse("practice_invite"),
            {"name": "B", "email": "b1@example.test", "role": Role.THERAPIST, "language": "en"},
        ).status_code
        == 302
    )


def test_a_failing_receiver_rolls_back_the_whole_acceptance(world):
    invitation = Invitation.objects.create(
        practice=world.practice,
        email="half@example.test",
        name="Half",
        role=Role.CLIENT,
        therapist=world.therapist_a,
        invited_by=world.admin,
    )

    def fail(sender, **kwargs):
        raise RuntimeError("a later receiver failed")

    invitation_accepted.connect(fail, dispatch_uid="test-fail")
    try:
        with pytest.raises(RuntimeError):
            services.accept_invitation(invitation.token, password=NEW_PASSWORD)
    finally:
        invitation_accepted.disconnect(dispatch_uid="test-fail")

    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not User.objects.filter(email="half@example.test").exists()
    assert not Client.objects.filter(display_name="Half").exists()
