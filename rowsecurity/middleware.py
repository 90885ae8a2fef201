"""Each request acts for its user's practice, in one transaction (PostgreSQL only)."""

from __future__ import annotations

from .scope import enforced, request_scope


class PracticeScopeMiddleware:
    """Runs the rest of the request in a transaction acting for the user's practice.

    Placed right after AuthenticationMiddleware. `request.user` comes from the session and
    the users table, which are not row-secured, so reading it needs no practice. Anonymous
    visitors act for no practice and see no practice rows; a login during the request
    switches to the new user's practice (apps.py). One query per request: the set_config.
    On SQLite nothing changes: requests run in autocommit as before.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enforced():
            return self.get_response(request)
        user = getattr(request, "user", None)
        practice_id = getattr(user, "practice_id", None) if getattr(user, "is_authenticated", False) else None
        with request_scope(practice_id):
            return self.get_response(request)
