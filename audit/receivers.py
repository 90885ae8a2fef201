"""Logins, failed logins (password or second factor) and logouts go on the trail (no client,
no content)."""

from allauth.mfa.signals import authentication_failed
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import AuditAction
from .recorder import record


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender, request, user, **kwargs):
    record(AuditAction.LOGIN, actor=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(AuditAction.LOGOUT, actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # The typed address is not stored (it may be a mistyped someone-else's address or a
    # password pasted in the wrong field); only which account, if it exists.
    email = (credentials or {}).get("email") or (credentials or {}).get("username") or ""
    user = get_user_model().objects.filter(email__iexact=email).first() if email else None
    record(AuditAction.LOGIN_FAILED, actor=user, request=request)


@receiver(authentication_failed, dispatch_uid="audit_mfa_failed")
def _second_factor_failed(sender, request, user, reauthentication=False, **kwargs):
    # A wrong code means the password was right (or the session was already open): worth
    # seeing next to failed passwords. The code typed is not stored.
    record(AuditAction.LOGIN_FAILED, actor=user, kind="mfa", request=request)
