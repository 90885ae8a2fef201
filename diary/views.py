"""Thin views: access policy and selectors decide what exists; services write."""

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.localtime import client_today, day_of, week_start, zone_of
from accounts.models import Role
from clients.access import Action, can, get_client, get_owned, own_client, role_required
from clients.home import write_row
from clients.selectors import last_session

from . import limits, selectors, services
from .forms import (
    CommentForm,
    EntryFilterForm,
    EntryForm,
    QuickEntryForm,
    ShareFromForm,
    SharingSettingsForm,
    StopShareFromForm,
)
from .models import DiaryEntry, Reaction

DRAFTS_TO_CLEAR = "diary_drafts_to_clear"


def draft_key(request, name: str) -> str:
    # Per user, so a shared phone never restores one person's draft into another's form.
    return f"securebase:diary:{request.user.pk}:{name}"


def _remember_draft_saved(request, key: str) -> None:
    # A set, not a log: the same form saved a hundred times before the entry page is seen
    # (several tabs, a flaky connection, a script) leaves one key, and the session is not
    # written at all when the key is already there.
    pending = request.session.get(DRAFTS_TO_CLEAR, [])
    if key not in pending:
        request.session[DRAFTS_TO_CLEAR] = [*pending, key]


def _drafts_to_clear(request) -> str:
    return " ".join(request.session.pop(DRAFTS_TO_CLEAR, []))


def _parse_week(value: str | None, today: dt.date) -> dt.date:
    """The Monday of the week a link asks for; garbage means this week, far-off dates the nearest diary week."""
    try:
        day = dt.date.fromisoformat(value) if value else today
    except ValueError:
        day = today
    return week_start(limits.clamp_day(day, today))


def _week_nav(monday: dt.date, today: dt.date) -> dict:
    return {
        "monday": monday,
        "sunday": monday + dt.timedelta(days=6),
        "prev": monday - dt.timedelta(days=7) if monday > limits.EARLIEST_DATE else None,
        "next": monday + dt.timedelta(days=7) if monday + dt.timedelta(days=7) <= today else None,
        "is_current": monday == week_start(today),
    }


def _entry_for(request, pk: int, action: Action) -> DiaryEntry:
    """The entry if the access policy allows ``action`` on its client AND the sharing filter shows it.

    The policy comes first (get_owned) so the audit trail records the access (or the refused
    attempt) like any other page about this client; 404 either way.
    """
    get_owned(request.user, DiaryEntry, pk, action, kind="diary")
    return selectors.get_visible_entry(request.user, pk)


def _own_entry(request, pk: int) -> DiaryEntry:
    """An entry the logged-in client wrote; 404 for anyone else (therapists included)."""
    entry = _entry_for(request, pk, Action.WRITE_OWN)
    if not selectors.is_author(request.user, entry):
        raise Http404
    return entry


# --- the client's diary ------------------------------------------------------------------


@role_required(Role.CLIENT)
def entry_list(request):
    client = own_client(request.user, kind="diary")
    tz = zone_of(client.user)
    today = client_today(client)
    form = EntryFilterForm(request.GET or None)
    filters = {"emotion": "", "with_whom": "", "tag": ""}
    if form.is_valid():
        filters = {name: form.cleaned_data[name] or "" for name in filters}
    all_weeks = request.GET.get("week") == "all"
    monday = _parse_week(None if all_weeks else request.GET.get("week"), today)
    entries = selectors.visible_entries(request.user, client)
    if not all_weeks:
        entries = selectors.in_week(entries, monday, tz)
    entries = selectors.filter_entries(entries, **filters)
    days: dict[dt.date, list[DiaryEntry]] = {}
    for entry in entries[:200]:
        days.setdefault(day_of(client.user, entry.occurred_at), []).append(entry)
    context = {
        "client": client,
        "form": form,
        "days": [{"day": day, "entries": items} for day, items in days.items()],
        "all_weeks": all_weeks,
        "week": _week_nav(monday, today),
        "filtered": any(filters.values()),
        "draft_clear": _drafts_to_clear(request),
    }
    return render(request, "diary/entry_list.html", context)


@role_required(Role.CLIENT)
def summary(request):
    client = own_client(request.user, kind="diary")
    tz = zone_of(client.user)
    today = client_today(client)
    monday = _parse_week(request.GET.get("week"), today)
    entries = selectors.in_week(selectors.visible_entries(request.user, client), monday, tz)
    context = {
        "client": client,
        "week": _week_nav(monday, today),
        "summary": selectors.weekly_summary(entries),
    }
    return render(request, "diary/summary.html", context)


def _entry_form_page(request, form_class, template: str, draft_name: str):
    # A save also reads what other apps check on every new entry (the safety net's
    # thresholds) with the client's row: one read of it per request, compiled once.
    read = write_row if request.method == "POST" else None
    client = own_client(request.user, kind="diary", read=read)
    key = draft_key(request, draft_name)
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            entry, created = services.create_entry(
                client,
                emotions=form.emotions(),
                idempotency_key=data.get("idempotency_key"),
                shared=data.get("shared", False),
                pattern_tags=data.get("pattern_tags") or (),
                **form.entry_fields(),
            )
            if created:
                messages.success(request, _("Saved in your diary."))
            else:
                messages.info(request, _("This entry was already saved; it was not added twice."))
            _remember_draft_saved(request, key)
            return redirect("diary:entry_detail", pk=entry.pk)
        status = 400
    else:
        form = form_class(initial={"shared": services.default_shared(client)})
        status = 200
    return render(request, template, {"form": form, "client": client, "draft_key": key}, status=status)


@role_required(Role.CLIENT)
def quick_entry(request):
    return _entry_form_page(request, QuickEntryForm, "diary/quick_entry.html", "quick")


@role_required(Role.CLIENT)
def entry_new(request):
    return _entry_form_page(request, EntryForm, "diary/entry_form.html", "new")


def entry_detail(request, pk: int):
    """The client's own entry, or — for their therapist — a shared one (404 otherwise)."""
    entry = _entry_for(request, pk, Action.VIEW_CLINICAL)
    is_author = selectors.is_author(request.user, entry)
    may_comment = entry.shared and can(request.user, Action.TREAT, entry.client)
    form = CommentForm(practice_id=entry.client.practice_id) if may_comment else None
    return _render_detail(request, entry, is_author, form)


def _render_detail(request, entry, is_author: bool, comment_form, status: int = 200):
    context = {
        "entry": entry,
        "is_author": is_author,
        "comment_form": comment_form,
        "reaction_labels": [Reaction(code).label for code in entry.reactions if code in Reaction.values],
        "draft_clear": _drafts_to_clear(request) if is_author else "",
        "back_url": reverse("diary:entry_list")
        if is_author
        else reverse("diary:client_entries", args=[entry.client_id]),
    }
    return render(request, "diary/entry_detail.html", context, status=status)


def entry_edit(request, pk: int):
    entry = _own_entry(request, pk)
    key = draft_key(request, f"edit-{entry.pk}")
    if request.method == "POST":
        form = EntryForm(request.POST)
        if form.is_valid():
            services.update_entry(
                entry,
                emotions=form.emotions(),
                pattern_tags=form.cleaned_data.get("pattern_tags") or (),
                shared=form.cleaned_data.get("shared", False),
                **form.entry_fields(),
            )
            messages.success(request, _("Your changes are saved."))
            _remember_draft_saved(request, key)
            return redirect("diary:entry_detail", pk=entry.pk)
        status = 400
    else:
        form = EntryForm(initial=EntryForm.initial_for(entry))
        status = 200
    context = {"form": form, "entry": entry, "client": entry.client, "draft_key": key}
    return render(request, "diary/entry_form.html", context, status=status)


def entry_delete(request, pk: int):
    entry = _own_entry(request, pk)
    if request.method == "POST":
        services.delete_entry(entry)
        messages.success(request, _("The entry is deleted for good."))
        return redirect("diary:entry_list")
    return render(request, "diary/entry_confirm_delete.html", {"entry": entry})


@require_POST
def entry_share(request, pk: int):
    entry = _own_entry(request, pk)
    services.share_entry(entry)
    messages.success(request, _("Your therapist can now read this entry."))
    return redirect("diary:entry_detail", pk=entry.pk)


@require_POST
def entry_unshare(request, pk: int):
    entry = _own_entry(request, pk)
    services.unshare_entry(entry)
    messages.success(request, _("This entry is private again; your therapist no longer sees it."))
    return redirect("diary:entry_detail", pk=entry.pk)


def _sharing_page(request, client, *, settings_form=None, share_from_form=None, status=200):
    settings = services.settings_for(client)
    context = {
        "client": client,
        "settings": settings,
        "settings_form": settings_form
        or SharingSettingsForm(initial={"share_new_entries": settings.share_new_entries}),
        "share_from_form": share_from_form or ShareFromForm(initial={"share_from": settings.share_from}),
        "stop_form": StopShareFromForm(),
        "shared_count": selectors.visible_entries(request.user, client).filter(selectors.SHARED).count(),
    }
    return render(request, "diary/sharing.html", context, status=status)


@role_required(Role.CLIENT)
def sharing(request):
    client = own_client(request.user, kind="diary")
    if request.method == "POST":
        form = SharingSettingsForm(request.POST)
        if form.is_valid():
            services.set_share_new_entries(client, form.cleaned_data["share_new_entries"])
            messages.success(request, _("Your sharing choice is saved."))
            return redirect("diary:sharing")
        return _sharing_page(request, client, settings_form=form, status=400)
    return _sharing_page(request, client)


@require_POST
@role_required(Role.CLIENT)
def share_from(request):
    client = own_client(request.user, kind="diary")
    form = ShareFromForm(request.POST)
    if form.is_valid():
        count = services.share_from(client, form.cleaned_data["share_from"])
        messages.success(
            request,
            _("Entries from %(date)s on are shared with your therapist (%(count)d more now shared).")
            % {"date": form.cleaned_data["share_from"].isoformat(), "count": count},
        )
        return redirect("diary:sharing")
    return _sharing_page(request, client, share_from_form=form, status=400)


@require_POST
@role_required(Role.CLIENT)
def stop_share_from(request):
    client = own_client(request.user, kind="diary")
    form = StopShareFromForm(request.POST)
    unshare = form.is_valid() and form.cleaned_data["unshare_entries"]
    count = services.stop_share_from(client, unshare_entries=unshare)
    if unshare:
        messages.success(request, _("Sharing by date is off; %(count)d entries are private again.") % {"count": count})
    else:
        messages.success(request, _("Sharing by date is off. Entries you already shared stay shared."))
    return redirect("diary:sharing")


# --- the therapist's view of one client -------------------------------------------------------


def client_entries(request, pk: int):
    """Shared entries since the last session (or one week), with the same weekly summary."""
    client = get_client(request.user, pk, Action.VIEW_CLINICAL, kind="diary")
    if request.user.role == Role.CLIENT:
        return redirect("diary:entry_list")
    tz = zone_of(client.user)
    today = client_today(client)
    visible = selectors.visible_entries(request.user, client)
    session = last_session(client)
    week = None
    if request.GET.get("week"):
        monday = _parse_week(request.GET.get("week"), today)
        week = _week_nav(monday, today)
        entries = selectors.in_week(visible, monday, tz)
    elif session is not None:
        entries = visible.filter(occurred_at__gte=selectors.start_of_day(session.held_on, tz))
    else:
        entries = visible.filter(occurred_at__gte=selectors.start_of_day(today - dt.timedelta(days=27), tz))
    context = {
        "client": client,
        "entries": entries,
        "summary": selectors.weekly_summary(entries),
        "session": session,
        "week": week,
        "this_week": week_start(today),
        "pattern_shared": selectors.pattern_shared_at(client) is not None,
    }
    return render(request, "diary/client_entries.html", context)


@require_POST
def comment_add(request, pk: int):
    entry = _entry_for(request, pk, Action.TREAT)
    if not (entry.shared and can(request.user, Action.TREAT, entry.client)):
        raise Http404
    form = CommentForm(request.POST, practice_id=entry.client.practice_id)
    if form.is_valid():
        services.add_comment(entry, author=request.user, **form.cleaned_data)
        messages.success(request, _("Comment added; the client can read it."))
        return redirect("diary:entry_detail", pk=entry.pk)
    return _render_detail(request, entry, False, form, status=400)
