"""Passkeys: one kind of key (resident, user-verified) for client login and staff second factor.

The WebAuthn ceremony itself runs in Chromium with a virtual authenticator
(tests/browser/test_passkeys_journey.py); these tests cover what the server decides.
"""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from accounts.models import Role
from accounts.passkeys import AddPasskeyForm
from tests.accounts.helpers import password_login
from tests.factories import make_practice, make_user

pytestmark = pytest.mark.django_db


def _passkey(user, name="Phone"):
    # Existence is all the two-factor rule reads; the credential itself is checked at login.
    return Authenticator.objects.create(user=user, type=Authenticator.Type.WEBAUTHN, data={"name": name})


@pytest.mark.parametrize("role", [Role.THERAPIST, Role.ADMIN])
def test_staff_with_a_passkey_and_no_authenticator_app_pass_the_two_factor_rule(client, role):
    staff = make_user(make_practice(), role, mfa=False)
    _passkey(staff)
    client.force_login(staff)
    start = reverse("dashboard:caseload") if role == Role.THERAPIST else reverse("practice_people")
    response = client.get(start)
    assert response.status_code == 200


def test_staff_without_any_second_factor_are_still_sent_to_set_one_up(client):
    staff = make_user(make_practice(), Role.THERAPIST, mfa=False)
    client.force_login(staff)
    response = client.get(reverse("dashboard:caseload"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_staff_with_a_passkey_are_asked_for_it_after_their_password(client):
    staff = make_user(make_practice(), Role.THERAPIST, mfa=False)
    _passkey(staff)
    response = password_login(client, staff.email)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_authenticate"))


def test_every_added_key_must_verify_its_owner():
    user = make_user(make_practice(), Role.CLIENT)
    form = AddPasskeyForm(user=user, data={"name": "Phone"})
    form.is_valid()
    # allauth refuses a credential without user verification when this is on.
    assert form.cleaned_data["passwordless"] is True
    assert "passwordless" not in [field.name for field in form.visible_fields()]


@pytest.mark.parametrize(
    ("language", "link", "heading"),
    [
        ("en", "Passkeys (fingerprint or face)", "Passkeys"),
        ("nl", "Toegangssleutels (vingerafdruk of gezicht)", "Toegangssleutels (passkeys)"),
    ],
)
def test_settings_lead_to_the_passkeys_page_in_the_users_language(client, language, link, heading):
    user = make_user(make_practice(), Role.CLIENT, language=language)
    _passkey(user, name="Sam's phone")
    client.force_login(user)
    settings_page = client.get(reverse("accounts:settings")).content.decode()
    assert link in settings_page
    page = client.get(reverse("mfa_list_webauthn")).content.decode()
    assert f'<h1 class="h3">{heading}</h1>' in page
    assert "Sam&#x27;s phone" in page
    assert reverse("mfa_remove_webauthn", kwargs={"pk": user.authenticator_set.get().pk}) in page


def test_login_page_offers_a_passkey_without_inline_script(client):
    page = client.get(reverse("account_login")).content.decode()
    assert 'id="passkey_login"' in page
    assert reverse("mfa_login_webauthn") in page
    assert "/static/mfa/js/webauthn.js" in page and "/static/accounts/passkeys.js" in page


def test_someone_elses_passkey_cannot_be_removed(client):
    practice = make_practice()
    owner, other = make_user(practice, Role.CLIENT), make_user(practice, Role.CLIENT)
    key = _passkey(owner)
    client.force_login(other)
    response = client.post(reverse("mfa_remove_webauthn", kwargs={"pk": key.pk}))
    assert response.status_code in (302, 404)
    assert Authenticator.objects.filter(pk=key.pk).exists()


def test_the_second_step_without_a_passkey_asks_for_a_code_in_our_words(client):
    staff = make_user(make_practice(), Role.THERAPIST, language="nl")  # TOTP, no passkey
    response = password_login(client, staff.email)
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="nl").content.decode()  # not logged in yet
    assert "Typ de code uit je authenticator-app, of een van je herstelcodes:" in page
    assert 'name="code"' in page and 'id="mfa_webauthn_authenticate"' not in page
