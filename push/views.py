import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clients import access

from . import services, vapid
from .models import PushSubscription


def devices(request):
    """The person's devices with notifications on, and the button to turn them on here."""
    context = {
        "devices": access.own_records(request.user, PushSubscription),
        "push_ready": vapid.configured(),
        "vapid_public_key": vapid.public_key(),
    }
    return render(request, "push/devices.html", context)


@require_POST
def subscribe(request):
    try:
        data = json.loads(request.body or b"null")
        services.subscribe(request.user, data, request.headers.get("User-Agent", ""))
    except (ValueError, ValidationError) as error:
        text = (
            error.messages[0]
            if isinstance(error, ValidationError)
            else _("This device could not be registered. Please try again.")
        )
        return JsonResponse({"ok": False, "error": text}, status=400)
    return JsonResponse({"ok": True})


@require_POST
def remove(request, pk: int):
    if not services.remove(request.user, pk):
        raise Http404
    messages.success(request, _("Notifications are off for that device."))
    return redirect("push:devices")
