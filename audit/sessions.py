"""Ending sessions server-side: "log out everywhere" and deactivation/erasure."""

from django.contrib.auth import logout

from accounts.services import end_all_sessions as end_sessions_of


def end_all_sessions(user, request=None) -> int:
    """Delete every session of `user` from the session store, including the current one,
    and log the current request out when it is theirs (accounts.services does the deleting)."""
    ended = end_sessions_of(user)
    if request is not None and getattr(request, "user", None) is not None and request.user.pk == user.pk:
        logout(request)
    return ended
