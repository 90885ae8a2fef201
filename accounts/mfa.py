from allauth.mfa.totp.forms import ActivateTOTPForm as AllauthActivateTOTPForm
from allauth.mfa.totp.internal import auth as totp_auth
from django import forms


def has_mfa(user) -> bool:
    """Whether the user has a second factor (TOTP or a passkey); cached on the user for the request."""
    cached = getattr(user, "_securebase_has_mfa", None)
    if cached is None:
        from allauth.mfa.models import Authenticator

        from .passkeys import SECOND_FACTOR_TYPES

        cached = Authenticator.objects.filter(user=user, type__in=SECOND_FACTOR_TYPES).exists()
        user._securebase_has_mfa = cached
    return cached


def forget_pending_totp_secret(request) -> None:
    """The person asked for a new code to scan: the next enrolment page makes one."""
    totp_auth.clear_totp_secret(request)


class ActivateTOTPForm(AllauthActivateTOTPForm):
    """allauth's enrolment form, but the secret shown stays the one to type.

    allauth makes a new secret on every GET of the enrolment page, so a reload, a second tab
    or the browser's own background requests replaced the secret the person had just scanned,
    and the code from their authenticator app never matched. The secret now lives in the
    session until enrolment succeeds (allauth clears it then) or the person asks for a new one.
    """

    def __init__(self, *args, **kwargs) -> None:
        self.user = kwargs.pop("user")
        forms.Form.__init__(self, *args, **kwargs)
        self.secret = totp_auth.get_totp_secret(regenerate=False)
