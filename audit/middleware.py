from django.conf import settings
from django.utils import timezone

from accounts.models import Role

from . import recorder


class AuditContextMiddleware:
    """Makes the current request (user, IP, path) known to the audit hook in the access policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = recorder.enter(request)
        try:
            return self.get_response(request)
        finally:
            recorder.leave(token)


class SessionIdleTimeoutMiddleware:
    """Ends a logged-in session after a period without requests, shorter for staff.

    Setting the expiry stores it again with the session, so the session row's expiry date
    moves forward with activity: idle time, not total time, counts. It is set again after the
    view so the login request itself already gets the short expiry. A row written less than
    SESSION_IDLE_REFRESH_SECONDS ago is left alone (one write a minute instead of a commit per
    request), so a session ends between N minus that and N idle seconds.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self._apply(request)
        response = self.get_response(request)
        self._apply(request)
        return response

    @staticmethod
    def _apply(request) -> None:
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is None or session is None or not user.is_authenticated:
            return
        if user.role in (Role.ADMIN, Role.THERAPIST) or user.is_staff:
            seconds = settings.SESSION_IDLE_SECONDS_STAFF
        else:
            seconds = settings.SESSION_IDLE_SECONDS_CLIENT
        stored = getattr(session, "loaded_expiry", None)
        if stored is not None and not session.modified and session.get("_session_expiry") == seconds:
            left = (stored - timezone.now()).total_seconds()
            if seconds - settings.SESSION_IDLE_REFRESH_SECONDS <= left <= seconds + 1:
                return
        session.set_expiry(seconds)
