"""Dashboard pages: thin views over clients.access and dashboard.selectors."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.models import Role
from assessments.sections import latest_results
from clients import selectors as client_selectors
from clients.access import Action, can_see_results, get_client, own_client, role_required
from clients.home import SESSION_PREP_SECTIONS
from clients.models import ClientStatus

from . import pdf, selectors
from .forms import CaseloadForm, WeeksForm
from .presenters import caseload_columns, caseload_rows_html, change_legend, progress_charts
from .selectors import caseload_rows

PAGE_SIZE = 50


def _headers(params: dict) -> list[dict]:
    """The caseload's column headings, each part with the link that sorts by it; aria-sort
    says how the column is sorted when one of its parts is."""
    links = _sort_links(params, params["sort"])
    headers = []
    for column in caseload_columns():
        parts = [{"label": label, **links.get(key, {})} for key, label in column["parts"]]
        states = [p["aria_sort"] for p in parts if p.get("aria_sort") not in (None, "none")]
        headers.append({**column, "parts": parts, "aria_sort": states[0] if states else "none"})
    return headers


def _sort_links(params: dict, current: str) -> dict[str, dict]:
    """For each sortable column: the URL that sorts by it (toggling the direction) and aria-sort."""
    links = {}
    for column in selectors.SORT_COLUMNS:
        descending = current == column
        query = {k: v for k, v in params.items() if v and k != "sort"}
        query["sort"] = f"-{column}" if descending else column
        state = "ascending" if current == column else "descending" if current == f"-{column}" else "none"
        links[column] = {"url": "?" + urlencode(query), "aria_sort": state}
    return links


@role_required(Role.THERAPIST)
def caseload(request):
    form = CaseloadForm(request.GET or None)
    params = {"q": "", "flag": "", "corner": "", "sort": ""}
    if form.is_valid():
        params.update({k: form.cleaned_data[k] or "" for k in params})
    # Sorting and filtering cover the whole caseload; only the shown page is complete.
    shown = caseload_rows.caseload_page(
        request.user,
        sort=params["sort"],
        query=params["q"],
        flag=params["flag"],
        corner=params["corner"],
        page=request.GET.get("page"),
        per_page=PAGE_SIZE,
    )
    page = shown.page
    query = {k: v for k, v in params.items() if v}
    context = {
        "form": form,
        "rows": caseload_rows_html(list(page.object_list)) if page.object_list else "",
        "page": page,
        "page_url": "?" + urlencode({**query, "page": ""}),
        "total": shown.total,
        "flagged": shown.flagged,
        # Flagged clients the chosen order put on other pages are named, with the way to them.
        "flagged_elsewhere": shown.flagged_elsewhere,
        "flagged_url": "?" + urlencode({**query, "flag": "any"}),
        "headers": _headers(params),
        "change_legend": change_legend(),
        # Paused and discharged clients are not in the table (no scores or flags to watch) but
        # stay one click away. A name, a status and a link each: the client's login and other
        # columns would be read and turned into objects for nothing.
        "inactive": client_selectors.caseload(request.user)
        .exclude(status=ClientStatus.ACTIVE)
        .select_related(None)
        .only("id", "display_name", "status"),
        "today": timezone.localdate(),
        "thresholds": {
            "overdue": selectors.OVERDUE_FLAG_DAYS,
            "no_diary": selectors.NO_DIARY_FLAG_DAYS,
            "low_safety": selectors.LOW_SAFETY_MAX,
            "recent": selectors.RECENT_DAYS,
        },
    }
    return render(request, "dashboard/caseload.html", context)


@role_required(Role.ADMIN)
def overview(request):
    rows = selectors.practice_overview(request.user)
    return render(request, "dashboard/overview.html", {"rows": rows})


def _weeks(request) -> int:
    form = WeeksForm(request.GET or None)
    return (form.cleaned_data.get("weeks") if form.is_valid() else None) or 16


def _progress(request, client) -> dict:
    """What every progress page of `client` shows: the data and its charts, for the chosen weeks."""
    weeks = _weeks(request)
    progress = selectors.client_progress(request.user, client, weeks=weeks)
    return {"client": client, "progress": progress, "charts": progress_charts(request.user, progress), "weeks": weeks}


def client_progress(request, pk: int):
    context = _progress(request, get_client(request.user, pk, Action.TREAT))
    context["weeks_form"] = WeeksForm(initial={"weeks": context["weeks"]})
    return render(request, "dashboard/client_progress.html", context)


def report(request, pk: int):
    """Printable progress report, in the therapist's own language (set by the middleware)."""
    context = _progress(request, get_client(request.user, pk, Action.TREAT))
    return render(request, "dashboard/report.html", {**context, "printed_at": timezone.now()})


def report_pdf(request, pk: int):
    """The same report as a PDF download, in the therapist's language."""
    context = _progress(request, get_client(request.user, pk, Action.TREAT))
    client, now = context["client"], timezone.localtime()
    body = pdf.progress_report(client, context["progress"], context["charts"], weeks=context["weeks"], now=now)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="progress-report-{client.pk}-{now:%Y-%m-%d}.pdf"'
    response["Cache-Control"] = "no-store"  # clinical content: not kept in browser or proxy caches
    return response


def session_prep(request, pk: int):
    client = get_client(request.user, pk, Action.TREAT)
    since = selectors.since_last_session(request.user, client)
    # Apps the dashboard may not import (reminders) add their part through the registry.
    extra = [part for part in (make(request, client, since.since) for make in SESSION_PREP_SECTIONS) if part]
    return render(request, "dashboard/session_prep.html", {"client": client, "since": since, "extra": extra})


@role_required(Role.CLIENT)
def my_progress(request):
    """The client's one progress page, in plain words: questionnaire results (only when
    clients.access.can_see_results says so; the rest of the page is the client's own diary
    and goals, which they see anyway), goals with their reviews in words, and the diary."""
    client = own_client(request.user)
    context = _progress(request, client)
    visible = can_see_results(request.user, client)
    context.update(
        results_visible=visible,
        results=latest_results(client, request.user.language or "en") if visible else [],
        **selectors.own_goals_in_words(context["progress"].goals),
    )
    return render(request, "dashboard/my_progress.html", context)
