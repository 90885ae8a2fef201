"""Ending sessions server-side: "log out everywhere" and deactivation/erasure."""

from django.contrib.auth import logout
from django.contrib.sessions.models import Session
from django.utils import timezone


def end_all_sessions(user, request=None) -> int:
    """Delete every session of `user` from the session store, including the current one.

    allauth.usersessions keeps a row per logged-in session; sessions it never saw (created
    before it was installed, or by test logins) are found by decoding the live sessions,
    which is acceptable for a rare, explicit action.
    """
    from allauth.usersessions.models import UserSession

    ended = 0
    for tracked in UserSession.objects.filter(user_id=user.pk):
        tracked.end()
        ended += 1
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    if request is not None and getattr(request, "user", None) is not None and request.user.pk == user.pk:
        logout(request)
    return ended
