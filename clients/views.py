from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role

from . import selectors, services
from .access import Action, get_client, own_client, role_required
from .forms import TherapySessionForm
from .home import (
    CLIENT_HOME_SECTIONS,
    CLIENT_RECORD_SECTIONS,
    CLIENT_WELCOME_SECTIONS,
    home_row,
    remember_home_facts,
    render_sections,
)


def home(request):
    """Send each role to its own start page."""
    role = request.user.role
    if role == Role.CLIENT:
        return redirect("client_home")
    if role == Role.THERAPIST:
        return redirect("dashboard:caseload")  # the one caseload page, with scores and flags
    if role == Role.ADMIN:
        return redirect("practice_people")
    return render(request, "clients/no_role.html", status=403)


@role_required(Role.CLIENT)
def client_home(request):
    client = own_client(request.user, read=home_row)
    remember_home_facts(request, client)
    sections = render_sections(CLIENT_HOME_SECTIONS, request, client)
    return render(request, "clients/client_home.html", {"client": client, "sections": sections})


WELCOME_STEPS = 3


@role_required(Role.CLIENT)
def welcome(request, step: int = 1):
    """What a new client should know first, in three short screens (privacy and sharing; the
    diary and questionnaires; reminders): shown right after accepting the invitation, and
    linked from the client home and the settings page for later."""
    if not 1 <= step <= WELCOME_STEPS:
        raise Http404
    client = own_client(request.user)
    context = {
        "client": client,
        "step": step,
        "steps": WELCOME_STEPS,
        "previous": step - 1 if step > 1 else None,
        "next": step + 1 if step < WELCOME_STEPS else None,
        # The reminders app adds the client's current reminder times (clients cannot import it).
        "sections": render_sections(CLIENT_WELCOME_SECTIONS, request, client) if step == WELCOME_STEPS else [],
    }
    return render(request, f"clients/welcome_{step}.html", context)


def client_detail(request, pk: int):
    """The therapist's page for one client (the practice admin sees the record only)."""
    client = get_client(request.user, pk, Action.VIEW_RECORD)
    if request.user.role == Role.CLIENT:
        return redirect("client_home")
    is_therapist = request.user.role == Role.THERAPIST
    context = {
        "client": client,
        "is_therapist": is_therapist,
        "history": selectors.assignment_history(client),
        "sessions": selectors.sessions_held(client)[:10] if is_therapist else [],
        "session_form": TherapySessionForm() if is_therapist else None,
        "sections": render_sections(CLIENT_RECORD_SECTIONS, request, client) if is_therapist else [],
    }
    return render(request, "clients/client_detail.html", context)


@require_POST
def session_add(request, pk: int):
    client = get_client(request.user, pk, Action.TREAT)
    form = TherapySessionForm(request.POST)
    if form.is_valid():
        services.record_session(client, therapist=request.user, **form.cleaned_data)
        messages.success(request, _("Session recorded."))
        return redirect("client_detail", pk=client.pk)
    context = {
        "client": client,
        "is_therapist": True,
        "history": selectors.assignment_history(client),
        "sessions": selectors.sessions_held(client)[:10],
        "session_form": form,
        "sections": render_sections(CLIENT_RECORD_SECTIONS, request, client),
    }
    return render(request, "clients/client_detail.html", context, status=400)


@require_POST
def results_visibility(request, pk: int):
    """The therapist decides whether the client sees their own scores and progress."""
    client = get_client(request.user, pk, Action.TREAT)
    visible = request.POST.get("visible") == "1"
    services.set_results_visible(client, visible)
    if visible:
        messages.success(request, _("%(name)s can now see their own results.") % {"name": client.display_name})
    else:
        messages.success(request, _("%(name)s no longer sees their own results.") % {"name": client.display_name})
    return redirect("client_detail", pk=client.pk)
