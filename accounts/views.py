from urllib.parse import urlencode

from allauth.account.internal.flows.login import record_authentication
from allauth.account.utils import perform_login
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from rowsecurity.paths import acting_for_invitation

from . import services
from .forms import AcceptInvitationForm, UserSettingsForm
from .mfa import forget_pending_totp_secret
from .models import Role


def user_settings(request):
    form = UserSettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = services.update_settings(request.user, **form.cleaned_data)
        # The new language applies from this very response on (the message below included).
        translation.activate(user.language)
        request.LANGUAGE_CODE = user.language
        messages.success(request, _("Your settings are saved."))
        response = redirect("accounts:settings")
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language, samesite="Lax")
        return response
    return render(request, "accounts/settings.html", {"form": form})


@require_POST
def totp_new_secret(request):
    """The person asks for a new secret to scan (the old one was never confirmed)."""
    forget_pending_totp_secret(request)
    return redirect("mfa_activate_totp")


INVALID_MESSAGES = {
    services.INVITATION_UNKNOWN: (
        gettext_lazy("This invitation link is not valid"),
        gettext_lazy("Check that you opened the whole link from the email, or ask your practice for a new invitation."),
    ),
    services.INVITATION_ACCEPTED: (
        gettext_lazy("This invitation has already been used"),
        gettext_lazy("An invitation link works only once. Log in with your email address and password."),
    ),
    services.INVITATION_REVOKED: (
        gettext_lazy("This invitation was withdrawn"),
        gettext_lazy("Your practice withdrew this invitation. Ask them for a new one if you expected it."),
    ),
    services.INVITATION_EXPIRED: (
        gettext_lazy("This invitation has expired"),
        gettext_lazy("Invitation links work for a limited time. Ask your practice to send you a new one."),
    ),
}


def _invalid(request, state: str, invitation=None):
    if invitation is not None and not request.user.is_authenticated:
        translation.activate(invitation.language)
        request.LANGUAGE_CODE = invitation.language
    title, text = INVALID_MESSAGES[state]
    status = 404 if state == services.INVITATION_UNKNOWN else 410
    context = {"title": str(title), "text": str(text), "state": state}
    return render(request, "accounts/invitation_invalid.html", context, status=status)


@login_not_required
@never_cache
@sensitive_post_parameters("password1", "password2")
@acting_for_invitation
def invitation_accept(request, token: str):
    """The public page behind the emailed link: set a password and land logged in."""
    invitation = services.find_invitation(token)
    state = services.invitation_state(invitation)
    if state != services.INVITATION_VALID:
        return _invalid(request, state, invitation)
    if request.user.is_authenticated:
        # Accepting would silently switch accounts on a shared device.
        return render(request, "accounts/invitation_logged_in.html")
    # Before login the page follows the invitee's language, not the browser's.
    translation.activate(invitation.language)
    request.LANGUAGE_CODE = invitation.language
    form = AcceptInvitationForm(request.POST or None, invitation=invitation, initial={"name": invitation.name})
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(
                token, password=form.cleaned_data["password1"], name=form.cleaned_data["name"]
            )
        except services.InvitationNotUsable as error:
            return _invalid(request, error.state, invitation)
        except services.InvitationError as error:
            form.add_error(None, str(error))
        else:
            # Choosing the password just now is as fresh as allauth's reauthentication, so the
            # staff member is not asked for it again when enrolling two-factor right after.
            record_authentication(request, user, method="password", email=user.email, reauthenticated=True)
            # A new client first reads what is private and where help is (once: the link is used up).
            landing = reverse("client_welcome") if user.role == Role.CLIENT else "/"
            return perform_login(
                request, user, email_verification=settings.ACCOUNT_EMAIL_VERIFICATION, redirect_url=landing
            )
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation})


@login_not_required
def admin_login(request, extra_context=None):
    """The Django admin has no login form of its own: it is sent to the app's login (allauth,
    with its rate limits and the second factor), then back to the admin page it asked for.
    A POST here logs nobody in."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("admin:index")
    return redirect(reverse("account_login") + "?" + urlencode({"next": target}))
