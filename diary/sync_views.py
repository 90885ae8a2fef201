"""Diary entries written offline, sent later by the browser (diary/static/diary/offline-queue.js).

The same forms and the same service as the diary pages, so an entry sent from the phone's
queue is checked and stored exactly like one saved online: its idempotency key makes a second
send return the first entry, its "when" keeps the time it was written (within the bounds of
``limits``), and its sharing choice is the one the form showed.
"""

from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.urls import reverse
from django.views.decorators.cache import never_cache

from accounts.models import Role
from clients.access import own_client, role_required

from . import services
from .forms import EntryForm, QuickEntryForm

FORMS = {"quick": QuickEntryForm, "full": EntryForm}


def _errors(form) -> list[str]:
    messages = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        messages.extend(f"{label}: {error}" if label else str(error) for error in errors)
    return messages


@never_cache
@role_required(Role.CLIENT)
def sync(request):
    """GET: who is logged in and a CSRF token (the queue checks before sending); POST: one entry."""
    client = own_client(request.user, kind="diary")
    if request.method != "POST":
        return JsonResponse({"user": str(request.user.pk), "csrf": get_token(request)})
    form_class = FORMS.get(request.POST.get("kind", ""))
    if form_class is None:
        return JsonResponse({"errors": ["kind must be quick or full"]}, status=400)
    form = form_class(request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": _errors(form)}, status=400)
    data = form.cleaned_data
    if not data.get("idempotency_key"):
        # Without its key a retry could store the entry twice; the queue always sends one.
        return JsonResponse({"errors": ["idempotency_key is required"]}, status=400)
    entry, created = services.create_entry(
        client,
        emotions=form.emotions(),
        idempotency_key=data["idempotency_key"],
        shared=data.get("shared", False),
        pattern_tags=data.get("pattern_tags") or (),
        **form.entry_fields(),
    )
    body = {"status": "created" if created else "duplicate", "url": reverse("diary:entry_detail", args=[entry.pk])}
    return JsonResponse(body, status=201 if created else 200)
