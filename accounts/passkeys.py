"""Passkeys (WebAuthn through allauth): one kind of key for everyone.

Every key added here is a passkey: kept on the device (resident) and unlocked with the
person's fingerprint, face or screen lock (user verification required). So the same key lets
a client log in without a password, and serves staff as their second factor after the password.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.webauthn.forms import _BaseAddWebAuthnForm
from django import forms
from django.utils.translation import gettext_lazy as _

# What the staff two-factor rule accepts as a second factor.
SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


class AddPasskeyForm(_BaseAddWebAuthnForm):
    """allauth's add-key form without the "passwordless" choice: every key is a passkey."""

    # Read by allauth's check that the browser really verified the person (fingerprint, face,
    # PIN); always on, so a key that cannot verify its owner is refused.
    passwordless = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Name of this passkey")
        self.fields["name"].help_text = _("So you recognise it later, for example the phone it is on.")
        self.fields["name"].max_length = 60

    def clean_passwordless(self) -> bool:
        return True


def passkeys_of(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN).order_by("created_at")
