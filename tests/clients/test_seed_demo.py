from io import StringIO

import pyotp
from allauth.mfa.models import Authenticator
from django.core.management import call_command

from accounts.models import Practice, User
from clients.management.commands.seed_demo import ADMIN, THERAPISTS
from clients.models import Client, TherapistAssignment, TherapySession


def counts():
    return (
        Practice.objects.count(),
        User.objects.count(),
        Client.objects.count(),
        TherapistAssignment.objects.count(),
        TherapySession.objects.count(),
        Authenticator.objects.count(),
    )


def test_seed_demo_creates_the_demo_practice_once(db):
    out = StringIO()
    call_command("seed_demo", stdout=out, stderr=StringIO())
    first = counts()
    call_command("seed_demo", stdout=StringIO(), stderr=StringIO())

    assert counts() == first
    practice = Practice.objects.get(name="Praktijk De Veilige Haven")
    assert practice.members.filter(role="admin").count() == 1
    assert practice.members.filter(role="therapist").count() == 2
    assert Client.objects.filter(practice=practice).count() == 8
    assert not Client.objects.filter(practice=practice, therapist__isnull=True).exists()
    printed = out.getvalue()
    assert ADMIN.email in printed and ADMIN.totp_secret in printed
    assert pyotp.TOTP(THERAPISTS[0].totp_secret).now() in printed or "code now" in printed


def test_demo_staff_can_log_in_with_the_printed_secret(db, client):
    call_command("seed_demo", stdout=StringIO(), stderr=StringIO())
    therapist = THERAPISTS[0]

    client.post("/accounts/login/", {"login": therapist.email, "password": "veilige-haven-demo"})
    response = client.post("/accounts/2fa/authenticate/", {"code": pyotp.TOTP(therapist.totp_secret).now()})

    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 200
