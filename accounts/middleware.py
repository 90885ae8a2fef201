from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .localtime import zone_of
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
            timezone.activate(zone_of(user))
        response = self.get_response(request)
        timezone.deactivate()
        if user.is_authenticated and user.language:
            # The activation is per thread: left on, the next request or test code in this
            # thread would run in this user's language. LocaleMiddleware only sets the header
            # when it is missing, so ours (the user's language) is the one sent.
            response.headers.setdefault("Content-Language", user.language)
            translation.deactivate()
        return response


# What a browser asks for without a person navigating: icons, scripts, styles, data, workers.
FILE_SUFFIXES = (".ico", ".png", ".svg", ".js", ".css", ".json", ".webmanifest", ".map", ".txt")


def is_page_request(request) -> bool:
    """Whether the request is a person opening a page (a navigation), not a background fetch.

    Browsers say so in Sec-Fetch-Dest; clients without it (older browsers, the test client)
    are judged by what they accept and by the path.
    """
    if request.headers.get("Service-Worker"):
        return False
    destination = request.headers.get("Sec-Fetch-Dest")
    if destination:
        return destination == "document"
    if request.path.lower().endswith(FILE_SUFFIXES):
        return False
    accept = request.headers.get("Accept", "")
    if accept and "text/html" not in accept and "*/*" not in accept:
        return False
    return request.headers.get("X-Requested-With") != "XMLHttpRequest"


def needs_mfa(user) -> bool:
    """Who must have a second factor: practice staff (therapists, practice admins) and anyone
    who may enter the Django admin (`is_staff`, `is_superuser`)."""
    return user.role in (Role.THERAPIST, Role.ADMIN) or user.is_staff or user.is_superuser


class RequireStaffMFAMiddleware:
    """Staff (see `needs_mfa`) must enrol TOTP before any page with client data is served,
    and before any page of the Django admin.

    The access policy refuses them too (defence in depth); this sends them to enrolment
    instead of a wall of 404s. Only navigations are redirected: a background request (the
    favicon, a script, a JSON call, a service worker) gets a plain refusal, because sending
    it to the enrolment page would render that page once more behind the person's back.
    """

    # The login, enrolment and logout pages themselves; the Django admin is not among them.
    ALLOWED_PREFIXES = ("/accounts/", "/i18n/", "/static/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and needs_mfa(user)
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and not has_mfa(user)
        ):
            if not is_page_request(request):
                return HttpResponseForbidden(_("Set up two-factor authentication first."), content_type="text/plain")
            messages.info(request, _("Set up two-factor authentication first: your practice requires it for staff."))
            return redirect(enrolment_url(request))
        return self.get_response(request)


def enrolment_url(request) -> str:
    url = reverse("mfa_activate_totp")
    target = request.get_full_path()
    if request.method == "GET" and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        url += "?" + urlencode({"next": target})
    return url
