"""Practice admin pages: people, invitations, (de)activation, client records, therapists.

They live in clients (not accounts) because every one of them goes through the access
policy in clients/access.py, and accounts must not import clients. The practice admin
sees records and people, never clinical content.
"""

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts import services as account_services
from accounts.forms import InvitationForm
from accounts.models import Role

from . import selectors, services
from .access import Action, get_client, role_required, same_practice_invitation, same_practice_user
from .forms import AssignTherapistForm, ClientRecordForm, PracticeClientFilterForm
from .practice_rows import client_rows_html, people_client_rows_html, therapist_rows_html


def _rate_limited(request) -> bool:
    """Invitation emails count against allauth's rate limiter (ACCOUNT_RATE_LIMITS["send_invitation"])."""
    return not ratelimit.consume(request, action="send_invitation", user=request.user)


def _rate_limit_message() -> str:
    return _("You have sent many invitations in a short time. Please wait a while and try again.")


# Every list a practice admin sees is cut into pages in the database, so the pages cost the
# same for a practice of ten thousand clients as for one of a hundred.
PAGE_SIZE = 50
PEOPLE_PAGE_SIZE = 20
PEOPLE_CLIENTS_SHOWN = 10


class _KeyedRows:
    """A queryset cut into pages by its keys first, for the Paginator: a page is one query whose
    subquery takes that page's ids in the list's order (an index answers it alone) and whose
    outer part joins logins and therapists for those rows only. Slicing the joined queryset
    joined and sorted the whole practice to skip to page 199 (60 ms at 10,000 clients)."""

    ordered = True

    def __init__(self, rows):
        self.rows = rows

    def count(self) -> int:
        return self.rows.count()

    def __getitem__(self, cut: slice) -> list:
        keys = self.rows.values("pk")[cut]
        page = self.rows.model._default_manager.filter(pk__in=keys)
        page.query.select_related = self.rows.query.select_related
        return list(page.order_by(*self.rows.query.order_by))


def _page(request, rows, param: str, size: int, anchor: str = ""):
    """One page of `rows` (?<param>=n), with links to its neighbours keeping the other parameters."""
    page = Paginator(rows, size).get_page(request.GET.get(param))

    def link(number: int) -> str:
        query = request.GET.copy()
        query[param] = number
        return f"?{query.urlencode()}{anchor}"

    page.previous_url = link(page.previous_page_number()) if page.has_previous() else ""
    page.next_url = link(page.next_page_number()) if page.has_next() else ""
    return page


@role_required(Role.ADMIN)
def people(request):
    clients = selectors.practice_clients(request.user)
    therapists = selectors.practice_therapists(request.user)
    context = {
        "therapists": _page(request, therapists, "therapists", PEOPLE_PAGE_SIZE, "#therapists-h"),
        # The start page shows the first few; the client list searches and pages through all.
        "clients": Paginator(clients, PEOPLE_CLIENTS_SHOWN).get_page(1),
        "admins": _page(request, selectors.practice_admins(request.user), "admins", PEOPLE_PAGE_SIZE, "#admins-h"),
        "invitations": _page(
            request, selectors.open_invitations(request.user), "invitations", PEOPLE_PAGE_SIZE, "#invitations-h"
        ),
    }
    context["therapist_rows"] = therapist_rows_html(context["therapists"].object_list)
    context["client_rows"] = people_client_rows_html(context["clients"].object_list)
    return render(request, "clients/practice/people.html", context)


@role_required(Role.ADMIN)
def invite(request):
    form = InvitationForm(
        request.POST or None, practice=request.user.practice, initial={"role": request.GET.get("role", Role.CLIENT)}
    )
    if request.method == "POST" and form.is_valid():
        if _rate_limited(request):
            form.add_error(None, _rate_limit_message())
        else:
            try:
                invitation = account_services.create_invitation(
                    practice=request.user.practice, invited_by=request.user, **form.cleaned_data
                )
            except account_services.InvitationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
                return redirect("practice_people")
    context = {"form": form, "valid_days": settings.INVITATION_VALID_DAYS}
    return render(request, "clients/practice/invite.html", context, status=400 if form.errors else 200)


@require_POST
@role_required(Role.ADMIN)
def invitation_resend(request, pk: int):
    invitation = same_practice_invitation(request.user, pk)
    if _rate_limited(request):
        messages.error(request, _rate_limit_message())
        return redirect("practice_people")
    try:
        account_services.resend_invitation(invitation)
    except account_services.InvitationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("A new invitation link was sent to %(email)s.") % {"email": invitation.email})
    return redirect("practice_people")


@require_POST
@role_required(Role.ADMIN)
def invitation_revoke(request, pk: int):
    invitation = same_practice_invitation(request.user, pk)
    try:
        account_services.revoke_invitation(invitation)
    except account_services.InvitationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The invitation for %(email)s was revoked.") % {"email": invitation.email})
    return redirect("practice_people")


def _managed_person(request, pk: int):
    person = same_practice_user(request.user, pk)
    if person.role not in (Role.THERAPIST, Role.CLIENT):
        raise Http404
    return person


@role_required(Role.ADMIN)
def person_deactivate(request, pk: int):
    person = _managed_person(request, pk)
    if request.method == "POST":
        result = account_services.deactivate_user(person, by=request.user)
        messages.success(request, _("%(name)s can no longer log in.") % {"name": person})
        if result.open_clients:
            messages.warning(
                request,
                ngettext(
                    "%(count)d client is still assigned to %(name)s. Reassign them to another therapist.",
                    "%(count)d clients are still assigned to %(name)s. Reassign them to another therapist.",
                    result.open_clients,
                )
                % {"count": result.open_clients, "name": person},
            )
        return redirect("practice_people")
    context = {"person": person, "open_clients": account_services.open_caseload_count(person), "activate": False}
    return render(request, "clients/practice/person_confirm.html", context)


@role_required(Role.ADMIN)
def person_reactivate(request, pk: int):
    person = _managed_person(request, pk)
    if request.method == "POST":
        account_services.reactivate_user(person, by=request.user)
        messages.success(request, _("%(name)s can log in again.") % {"name": person})
        return redirect("practice_people")
    return render(request, "clients/practice/person_confirm.html", {"person": person, "activate": True})


@role_required(Role.ADMIN)
def client_list(request):
    therapists = selectors.therapist_choices(request.user)
    form = PracticeClientFilterForm(request.GET or None, therapists=therapists)
    form.is_valid()
    valid = getattr(form, "cleaned_data", {})
    # An unknown therapist id must narrow to nothing, not fall back to every client.
    therapist = request.GET.get("therapist", "")
    query, status = valid.get("q", ""), valid.get("status", "")
    clients = selectors.practice_clients(request.user, query=query, status=status, therapist_id=therapist)
    page = _page(request, _KeyedRows(clients), "page", PAGE_SIZE)
    context = {"form": form, "clients": page, "page": page, "rows": client_rows_html(page.object_list)}
    return render(request, "clients/practice/client_list.html", context)


@role_required(Role.ADMIN)
def client_edit(request, pk: int):
    client = get_client(request.user, pk, Action.MANAGE_RECORD)
    form = ClientRecordForm(request.POST or None, instance=client)
    if request.method == "POST" and form.is_valid():
        services.update_record(client, **form.cleaned_data)
        messages.success(request, _("The client record is saved."))
        return redirect("practice_clients")
    context = {"client": client, "form": form, "history": selectors.assignment_history(client)}
    return render(request, "clients/practice/client_edit.html", context, status=400 if form.errors else 200)


@role_required(Role.ADMIN)
def client_assign(request, pk: int):
    client = get_client(request.user, pk, Action.MANAGE_RECORD)
    form = AssignTherapistForm(
        request.POST or None,
        therapists=selectors.active_therapists(request.user),
        initial={"therapist": client.therapist},
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.assign_therapist(client, form.cleaned_data["therapist"], by=request.user)
        except services.AssignmentError:
            form.add_error("therapist", _("Choose an active therapist of your practice."))
        else:
            if changed:
                messages.success(
                    request,
                    _("%(client)s now sees %(therapist)s.")
                    % {"client": client.display_name, "therapist": form.cleaned_data["therapist"]},
                )
            else:
                messages.info(request, _("Nothing changed: this is already the client's therapist."))
            return redirect("practice_client_edit", pk=client.pk)
    context = {"client": client, "form": form, "history": selectors.assignment_history(client)}
    return render(request, "clients/practice/client_assign.html", context, status=400 if form.errors else 200)
