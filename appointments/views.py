"""Pages for planned sessions, session notes, milestones and the calendar files: thin views over
clients.access, appointments.services and appointments.selectors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.localtime import client_today, today_for, zone_of
from accounts.models import Role
from audit.models import AuditAction
from audit.recorder import record
from clients.access import Action, can_read_session_note, get_client, get_owned, own_client, role_required
from clients.models import TherapySession
from rowsecurity.scope import acting_for_practice

from . import display, ics, selectors, services
from .forms import CancelForm, MilestoneForm, MoveForm, NoteForm, PlanForm, PracticeSettingsForm
from .models import CalendarFeed, Milestone, PlannedSession, SessionNote


def _back(client) -> str:
    return redirect("client_detail", pk=client.pk)


def plan(request, pk: int):
    client = get_client(request.user, pk, Action.TREAT, kind="sessions")
    form = PlanForm(request.POST or None, today=today_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            made = services.plan(client, by=request.user, **form.cleaned_data)
        except services.PlanningError as error:
            form.add_error(None, str(error))
        else:
            text = ngettext(
                "One session planned, on %(when)s.", "%(n)s sessions planned, the first on %(when)s.", len(made)
            )
            messages.success(request, text % {"n": len(made), "when": display.when(made[0], request.user)})
            return _back(client)
    context = {"client": client, "form": form, "zone": zone_of(request.user)}
    return render(request, "appointments/plan.html", context, status=400 if form.errors else 200)


def edit(request, pk: int):
    """Move a planned session (or it and the rest of its series); the page also offers cancelling."""
    session = get_owned(request.user, PlannedSession, pk, Action.TREAT, kind="sessions")
    start = display.local_start(session, request.user)
    initial = {"day": start.date(), "at": start.time(), "minutes": session.minutes, "mode": session.mode}
    initial["link"] = session.link
    form = MoveForm(request.POST or None, initial=initial, today=today_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.move(session, by=request.user, **form.cleaned_data)
        except services.PlanningError as error:
            form.add_error(None, str(error))
        else:
            text = ngettext("The session is moved.", "%(n)s sessions are moved.", len(moved))
            messages.success(request, text % {"n": len(moved)})
            return _back(session.client)
    context = {
        "client": session.client,
        "session": session,
        "when": display.when(session, request.user),
        "form": form,
        "zone": zone_of(request.user),
    }
    return render(request, "appointments/edit.html", context, status=400 if form.errors else 200)


@require_POST
def cancel(request, pk: int):
    session = get_owned(request.user, PlannedSession, pk, Action.TREAT, kind="sessions")
    form = CancelForm(request.POST)
    scope = form.cleaned_data["scope"] if form.is_valid() else services.ONE
    count = services.cancel(session, by=request.user, scope=scope)
    text = ngettext("%(n)s session is cancelled.", "%(n)s sessions are cancelled.", count)
    messages.success(request, text % {"n": count})
    return _back(session.client)


@require_POST
def held(request, pk: int):
    """One click: the planned session took place."""
    session = get_owned(request.user, PlannedSession, pk, Action.TREAT, kind="sessions")
    try:
        record = services.record_held(session, by=request.user)
    except services.PlanningError as error:
        messages.error(request, str(error))
        return _back(session.client)
    messages.success(request, _("Session recorded as held. You can add a note now."))
    return redirect("appointments:note", pk=record.pk)


def note(request, pk: int):
    """The therapist's note on one session held; every opening is on the audit trail."""
    held_session = get_owned(request.user, TherapySession, pk, Action.TREAT, kind="session_note")
    client = held_session.client
    existing = SessionNote.objects.filter(session=held_session).first()
    follow = selectors.notes_follow_client(client.practice_id)
    if existing and not can_read_session_note(request.user, client, existing.author_id, follow):
        raise Http404
    form = NoteForm(request.POST or None, initial={"text": existing.text if existing else ""})
    if request.method == "POST" and form.is_valid():
        services.save_note(held_session, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Note saved."))
        return redirect("appointments:notes", pk=client.pk)
    context = {"client": client, "held": held_session, "note": existing, "form": form}
    return render(request, "appointments/note.html", context, status=400 if form.errors else 200)


def notes(request, pk: int):
    client = get_client(request.user, pk, Action.TREAT, kind="session_note")
    context = {"client": client, "notes": selectors.readable_notes(request.user, client)}
    context["held"] = client.sessions.order_by("-held_on")[:20]
    return render(request, "appointments/notes.html", context)


@require_POST
def milestone_add(request, pk: int):
    client = get_client(request.user, pk, Action.TREAT, kind="milestones")
    form = MilestoneForm(request.POST, today=client_today(client))
    if form.is_valid():
        services.add_milestone(client, by=request.user, by_client=False, **form.cleaned_data)
        messages.success(request, _("Milestone added to the progress chart."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return _back(client)


@require_POST
def milestone_delete(request, pk: int):
    """The therapist removes one of their clinical milestones, a client one of their own."""
    if request.user.role == Role.CLIENT:
        own = Milestone.objects.filter(by_client=True)
        milestone = get_owned(request.user, own, pk, Action.WRITE_OWN, "milestones")
        services.delete_milestone(milestone)
        return redirect("appointments:my_milestones")
    milestone = get_owned(request.user, Milestone.objects.filter(by_client=False), pk, Action.TREAT, "milestones")
    services.delete_milestone(milestone)
    return _back(milestone.client)


@role_required(Role.CLIENT)
def my_milestones(request):
    """The client marks moments in their own words; they appear on both progress charts."""
    client = own_client(request.user, kind="milestones")
    form = MilestoneForm(request.POST or None, today=client_today(client))
    if request.method == "POST" and form.is_valid():
        services.add_milestone(client, by=request.user, by_client=True, **form.cleaned_data)
        messages.success(request, _("Added. Your therapist sees it on your progress chart too."))
        return redirect("appointments:my_milestones")
    context = {"client": client, "form": form, "milestones": selectors.milestones(request.user, client)}
    return render(request, "appointments/my_milestones.html", context, status=400 if form.errors else 200)


def session_ics(request, pk: int):
    """One planned session as a calendar file, for the client's own calendar."""
    session = get_owned(request.user, PlannedSession, pk, Action.WRITE_OWN, kind="sessions")
    response = HttpResponse(ics.client_file(session), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = ics.content_disposition(f"session-{session.starts_at:%Y-%m-%d}.ics")
    response["Cache-Control"] = "no-store"
    return response


@role_required(Role.THERAPIST)
def calendar(request):
    """The therapist's private calendar address: made, shown once, replaced or switched off."""
    address = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.revoke_feed(request.user)
            messages.success(request, _("The calendar address is switched off. Calendars using it get nothing more."))
            return redirect("appointments:calendar")
        token = services.new_feed(request.user)
        address = request.build_absolute_uri(reverse("appointments:feed", kwargs={"token": token}))
    has_feed = bool(address) or CalendarFeed.objects.filter(therapist=request.user).exists()
    return render(request, "appointments/calendar.html", {"address": address, "has_feed": has_feed})


@login_not_required
def feed(request, token: str):
    """The calendar feed: no login (calendar apps cannot log in), so the secret is the key."""
    therapist = services.feed_owner(token)
    if therapist is None:
        raise Http404
    # No login, so no practice yet: the feed's owner says which practice's rows may be read.
    with acting_for_practice(therapist.practice_id):
        body = ics.feed(selectors.for_feed(therapist))
        # Each fetch is on the trail, so a therapist can see a leaked address being used; the
        # trail writes the path without the secret (audit.scrub: the parameter is `token`).
        record(AuditAction.VIEW, actor=therapist, practice_id=therapist.practice_id, kind="calendar_feed")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


@role_required(Role.ADMIN)
def practice_settings(request):
    current = selectors.notes_follow_client(request.user.practice_id)
    form = PracticeSettingsForm(request.POST or None, initial={"notes_follow_client": current})
    if request.method == "POST" and form.is_valid():
        services.set_notes_follow_client(request.user.practice, form.cleaned_data["notes_follow_client"])
        messages.success(request, _("Saved."))
        return redirect("appointments:practice_settings")
    return render(request, "appointments/practice_settings.html", {"form": form})
