from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .models import AuditAction
from .recorder import record
from .sessions import end_all_sessions


def sessions(request):
    """The user's signed-in sessions, and the button that ends all of them."""
    from allauth.usersessions.models import UserSession

    if request.method == "POST":
        user = request.user
        record(AuditAction.LOGOUT_EVERYWHERE, actor=user)
        end_all_sessions(user, request)
        messages.success(request, _("You are logged out on every device."))
        return redirect("home")
    current_key = request.session.session_key
    open_sessions = UserSession.objects.filter(user_id=request.user.pk).order_by("-last_seen_at")
    return render(request, "audit/sessions.html", {"open_sessions": open_sessions, "current_key": current_key})
