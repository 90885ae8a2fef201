from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.models import Role
from clients.access import Action, get_client, own_client, role_required
from clients.models import ClientStatus

from . import erasure, exporting, selectors
from .forms import AuditSearchForm, ErasureForm
from .ratelimit import consume_export

PAGE_SIZE = 50


def _zip_response(client, viewer) -> HttpResponse:
    response = HttpResponse(exporting.build_zip(client, viewer), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{exporting.filename(client)}"'
    response["Cache-Control"] = "no-store"
    return response


def _rate_limited(request, template, context):
    messages.error(request, _("You have requested too many exports in the last hour. Please try again later."))
    return render(request, template, context, status=429)


@role_required(Role.CLIENT)
def my_data(request):
    """The client's page for their own data: download everything, see who looked."""
    if request.method == "POST":
        if not consume_export(request.user):
            client = own_client(request.user)
            return _rate_limited(request, "records/my_data.html", {"client": client})
        client = own_client(request.user, kind="export")
        return _zip_response(client, request.user)
    client = own_client(request.user)
    return render(request, "records/my_data.html", {"client": client})


@role_required(Role.CLIENT)
def access_log(request):
    client = own_client(request.user, kind="access_log")
    page = Paginator(selectors.access_log(client), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "records/access_log.html", {"client": client, "page": page})


def client_export(request, pk: int):
    """A therapist or practice admin exports one client's record (what they may see of it)."""
    if request.user.role == Role.CLIENT:
        # A client exports from their own page; another client's id stays a 404.
        client = own_client(request.user)
        if client.pk != pk:
            raise Http404
        return redirect("records:my_data")
    if request.method == "POST":
        if not consume_export(request.user):
            client = get_client(request.user, pk, Action.VIEW_RECORD)
            return _rate_limited(request, "records/client_export.html", {"client": client})
        client = get_client(request.user, pk, Action.VIEW_RECORD, kind="export")
        return _zip_response(client, request.user)
    client = get_client(request.user, pk, Action.VIEW_RECORD)
    return render(request, "records/client_export.html", {"client": client})


@role_required(Role.ADMIN)
def practice_clients(request):
    clients = list(selectors.practice_clients(request.user))
    rows = [{"client": c, "erased": erasure.is_erased(c)} for c in clients]
    return render(request, "records/practice_clients.html", {"rows": rows})


def client_erase(request, pk: int):
    client = get_client(request.user, pk, Action.MANAGE_RECORD, kind="erasure")
    erased = erasure.is_erased(client)
    can_erase = client.status == ClientStatus.DISCHARGED and not erased
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            erasure.erase_client(client, by=request.user, confirmation=form.cleaned_data["confirmation"])
        except erasure.ErasureError as error:
            form.add_error("confirmation", str(error))
        else:
            messages.success(request, _("The client's data has been erased."))
            return redirect("records:practice_clients")
    status = 400 if request.method == "POST" else 200
    context = {"client": client, "form": form, "can_erase": can_erase, "erased": erased}
    return render(request, "records/client_erase.html", context, status=status)


@role_required(Role.ADMIN)
def audit_search(request):
    clients = selectors.practice_clients(request.user)
    members = selectors.practice_members(request.user)
    form = AuditSearchForm(request.GET or None, clients=clients, members=members)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "client_id": data["client"],
            "actor_id": data["actor"],
            "action": data["action"],
            "date_from": data["date_from"],
            "date_to": data["date_to"],
        }
    events = (
        selectors.practice_events(request.user, **filters)
        if not form.errors
        else selectors.practice_events(request.user).none()
    )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    names = selectors.client_names(request.user, [e.client_id for e in page if e.client_id])
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": [(e, names.get(e.client_id)) for e in page],
        "query": query.urlencode(),
    }
    return render(request, "records/audit_search.html", context)
