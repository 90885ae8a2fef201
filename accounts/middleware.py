import zoneinfo

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .mfa import has_mfa
from .models import Role


class UserPreferencesMiddleware:
    """Each logged-in user sees their own language and local time, whatever the browser says."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            if user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.timezone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        response = self.get_response(request)
        timezone.deactivate()
        if user.is_authenticated and user.language:
            # The activation is per thread: left on, the next request or test code in this
            # thread would run in this user's language. LocaleMiddleware only sets the header
            # when it is missing, so ours (the user's language) is the one sent.
            response.headers.setdefault("Content-Language", user.language)
            translation.deactivate()
        return response


class RequireStaffMFAMiddleware:
    """Therapists and admins must enrol TOTP before any page with client data is served.

    The access policy refuses them too (defence in depth); this sends them to enrolment
    instead of a wall of 404s.
    """

    ALLOWED_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/django-admin/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.role in (Role.THERAPIST, Role.ADMIN)
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and not has_mfa(user)
        ):
            messages.info(request, _("Set up two-factor authentication first: your practice requires it for staff."))
            return redirect(reverse("mfa_activate_totp") + "?next=" + request.path)
        return self.get_response(request)
