from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Role, User
from clients.access import role_required, same_practice_record
from rowsecurity.scope import acting_for_practice

from . import selectors, services
from . import unconfirmed as unconfirmed_emails
from .forms import PreferenceForm
from .models import Delivery, Kind, Notification
from .services.preferences import UNSUBSCRIBE_VALID_DAYS, expired_unsubscribe_token


@role_required(Role.CLIENT, Role.THERAPIST, Role.ADMIN)
def preferences(request):
    """Which reminders, when, on which days, quiet hours and channel; applies to the next one."""
    prefs = services.ensure_preferences(request.user)
    forms = [PreferenceForm(request.POST or None, instance=pref, prefix=pref.kind) for pref in prefs]
    if request.method == "POST":
        if all(form.is_valid() for form in forms):
            services.save_preferences([(form.instance, form.cleaned_data) for form in forms])
            messages.success(request, _("Your reminder settings are saved."))
            return redirect("reminders:preferences")
        messages.error(request, _("Please check the highlighted fields."))
    return render(
        request,
        "reminders/preferences.html",
        {"forms": forms, "timezone": request.user.timezone},
        status=400 if request.method == "POST" else 200,
    )


def notifications(request):
    return render(
        request,
        "reminders/notifications.html",
        {
            "notifications": selectors.notifications(request.user),
            "unread": selectors.unread_count(request.user),
            "has_preferences": bool(services.kinds_for_role(request.user.role)),
        },
    )


@require_POST
def notification_open(request, pk: int):
    """Mark one notification read and follow its link (only ever the user's own)."""
    note = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_read(request.user, note.pk)
    if note.link and url_has_allowed_host_and_scheme(note.link, allowed_hosts=None):
        return redirect(note.link)
    return redirect("reminders:notifications")


@require_POST
def notifications_read_all(request):
    services.mark_read(request.user)
    return redirect("reminders:notifications")


@login_not_required
@csrf_exempt  # The signed token is the credential; RFC 8058 one-click POSTs carry no CSRF token.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, kind: str, token: str):
    """GET shows a confirm button (mail scanners follow links); POST switches the kind off."""
    user_id = services.read_unsubscribe_token(kind, token)
    if user_id is None:
        return _expired_unsubscribe_link(request, kind, token)
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise Http404
    # The person clicking may not be logged in: answer in the language of the email, and act
    # for their practice (the signed token named them).
    with translation.override(user.language or None), acting_for_practice(user.practice_id):
        context = {"kind_label": Kind(kind).label}
        if request.method == "POST":
            services.unsubscribe(user.pk, kind)
            return render(request, "reminders/unsubscribed.html", context)
        return render(request, "reminders/unsubscribe_confirm.html", context)


def _expired_unsubscribe_link(request, kind: str, token: str):
    """A genuine but old link: say so in the person's language and how to change reminders
    after logging in (nothing is switched off). Anything else is not found."""
    user = User.objects.filter(pk=expired_unsubscribe_token(kind, token) or 0).first()
    if user is None:
        raise Http404
    with translation.override(user.language or None):
        context = {
            "kind_label": Kind(kind).label,
            "valid_days": UNSUBSCRIBE_VALID_DAYS,
            "login_url": reverse("account_login") + "?" + urlencode({"next": reverse("reminders:preferences")}),
        }
        return render(request, "reminders/unsubscribe_expired.html", context, status=410)


@role_required(Role.ADMIN)
def unconfirmed(request):
    """Reminder emails of this practice whose arrival nobody can confirm, each with a resend."""
    practice = request.user.practice_id
    return render(
        request,
        "reminders/unconfirmed.html",
        {
            "unconfirmed": unconfirmed_emails.unconfirmed(practice),
            "resends": unconfirmed_emails.recent_resends(practice, timezone.now()),
        },
    )


@require_POST
def resend(request, pk: int):
    delivery = same_practice_record(
        request.user, Delivery.objects.annotate(practice_id=F("occurrence__recipient__practice_id")), pk
    )
    if services.resend(delivery, request.user, timezone.now()):
        messages.success(request, _("Sent again. Its outcome shows below in a minute."))
    else:
        messages.info(request, _("This email was already sent again."))
    return redirect("reminders:unconfirmed")
