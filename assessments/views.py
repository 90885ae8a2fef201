"""Thin views: access via clients.access, work via services/selectors."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from clients.access import Action, get_client, get_owned, role_required

from . import change, selectors, services
from .display import format_score
from .forms import ReliabilityForm, ScheduleForm
from .loader import InstrumentError, all_instruments, get_instrument
from .models import Administration, AssessmentRequest, AssessmentSchedule, RequestStatus

# A questionnaire request with its answers so far (the client's fill page).
OWN_REQUESTS = AssessmentRequest.objects.select_related("administration")


def _lang() -> str:
    return (get_language() or "en")[:2]


# --- Therapist -------------------------------------------------------------------------------


def _change_cells(changes: dict) -> list[dict]:
    return [
        {
            "dimension": dim,
            "label": change.words(c.label),
            "code": c.label,
            "css": change.CSS[c.label],
            "rci": c.rci,
            "difference": c.difference,
        }
        for dim, c in changes.items()
    ]


def _display_rows(client, rows, lang: str) -> list[dict]:
    display = []
    for row in reversed(rows):  # newest first on screen
        spec = get_instrument(row.instrument)
        display.append(
            {
                "row": row,
                "date": row.date,
                "name": spec.name(lang),
                "target": spec.target_label(row.target, lang) if row.target else "",
                "corner": spec.corner_label(row.corner, lang),
                "vs_baseline": _change_cells(row.vs_baseline),
                "vs_previous": _change_cells(row.vs_previous),
                "deterioration": row.deterioration,
                "administration_id": row.score.administration_id,
                "version": row.score.instrument_version,
            }
        )
    return display


def _history_context(request, client, form=None) -> dict:
    lang = _lang()
    rows = selectors.history_for_client(client)
    figures = {spec.slug: selectors.reliability_for(client.practice, spec.slug) for spec in all_instruments()}
    return {
        "client": client,
        "rows": _display_rows(client, rows, lang),
        "instruments": {spec.slug: spec for spec in all_instruments()},
        "figures": figures,
        "rci_threshold": format_score(change.RCI_THRESHOLD),
        "schedules": [
            {
                "obj": s,
                "name": get_instrument(s.instrument).name(lang),
                "targets": ", ".join(get_instrument(s.instrument).target_label(t, lang) for t in s.targets),
            }
            for s in selectors.schedules_for(client)
        ],
        "open_requests": [
            {
                "obj": r,
                "name": get_instrument(r.instrument).name(lang),
                "target": get_instrument(r.instrument).target_label(r.target, lang) if r.target else "",
            }
            for r in selectors.open_requests_for(client)
        ],
        "form": form or ScheduleForm(),
        "lang": lang,
    }


def client_history(request, pk: int):
    client = get_client(request.user, pk, Action.TREAT)
    return render(request, "assessments/history.html", _history_context(request, client))


def assign(request, pk: int):
    client = get_client(request.user, pk, Action.TREAT)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
            services.create_schedule(client, created_by=request.user, **form.cleaned_data)
        except services.AssessmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The questionnaire is assigned."))
            return redirect("assessments:client_history", pk=client.pk)
    return render(request, "assessments/history.html", _history_context(request, client, form), status=400)


def schedule_cancel(request, pk: int, schedule_pk: int):
    schedule = get_owned(request.user, AssessmentSchedule.objects.filter(client_id=pk), schedule_pk, Action.TREAT)
    client = schedule.client
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.cancel_schedule(schedule, by=request.user)
    messages.success(request, _("The schedule is cancelled; open requests were withdrawn."))
    return redirect("assessments:client_history", pk=client.pk)


def administration_detail(request, pk: int, administration_pk: int):
    admin = get_owned(request.user, Administration.objects.filter(client_id=pk), administration_pk, Action.TREAT)
    client = admin.client
    lang = _lang()
    items = selectors.answered_items(admin, lang)
    spec = get_instrument(admin.instrument)
    score = getattr(admin, "score", None) if admin.is_submitted else None
    return render(
        request,
        "assessments/administration_detail.html",
        {
            "client": client,
            "administration": admin,
            "items": items,
            "spec": spec,
            "score": score,
            "corner_label": spec.corner_label(score.corner, lang) if score else "",
            "lang": lang,
        },
    )


# --- Client ----------------------------------------------------------------------------------


def _fill_context(req, answers: dict, lang: str, *, missing=None, problems=None) -> dict:
    spec = get_instrument(req.instrument)
    items = [
        {"number": item.number, "text": item.text(lang), "answer": answers.get(item.number)} for item in spec.items
    ]
    first_open = next((i["number"] for i in items if i["answer"] is None), None)
    return {
        "req": req,
        "spec": spec,
        "items": items,
        "points": [(p, spec.scale_label(p, lang)) for p in spec.points],
        "answered": len(answers),
        "total": len(spec.items),
        "first_open": first_open,
        "target_label": spec.target_label(req.target, lang) if req.target else "",
        "missing": missing or [],
        "problems": problems or [],
        "lang": lang,
    }


def _answers_from_post(post, spec) -> dict:
    return {key[5:]: value for key, value in post.items() if key.startswith("item-") and value != ""}


def _valid_posted(post, spec) -> dict[int, int]:
    """The posted answers that are on the scale, to show again after a refused post."""
    valid = {}
    for key, value in _answers_from_post(post, spec).items():
        try:
            number, answer = int(key), int(value)
        except (TypeError, ValueError):
            continue
        if number in spec.item_numbers and spec.scale_min <= answer <= spec.scale_max:
            valid[number] = answer
    return valid


def fill(request, request_pk: int):
    """The client's questionnaire page: GET to resume, POST to save (and submit)."""
    req = get_owned(request.user, OWN_REQUESTS, request_pk, Action.WRITE_OWN)
    client = req.client
    lang = _lang()
    if req.status == RequestStatus.SUBMITTED:
        if request.method == "POST":
            messages.info(request, _("This questionnaire was already submitted; nothing was changed."))
            return redirect("client_home")
        return render(request, "assessments/fill_done.html", {"req": req, "spec": get_instrument(req.instrument)})
    if req.status != RequestStatus.OPEN:
        raise Http404
    if request.method == "POST":
        spec = get_instrument(req.instrument)
        try:
            _admin, problems = services.save_answers(
                client, req.pk, _answers_from_post(request.POST, spec), language=lang
            )
            if request.POST.get("action") == "submit" and not problems:
                submission = services.submit(client, req.pk, language=lang)
                if submission.created:
                    messages.success(request, _("Thank you. Your answers are submitted."))
                else:
                    messages.info(request, _("This questionnaire was already submitted; nothing was changed."))
                return redirect("client_home")
        except services.Incomplete as error:
            answers = selectors.answers_for(selectors.own_request(client, req.pk))
            context = _fill_context(req, answers, lang, missing=error.missing)
            return render(request, "assessments/fill.html", context, status=400)
        except services.NotOpen:
            messages.info(request, _("This questionnaire was already submitted; nothing was changed."))
            return redirect("client_home")
        answers = selectors.answers_for(selectors.own_request(client, req.pk))
        if problems:
            answers |= _valid_posted(request.POST, spec)
            context = _fill_context(req, answers, lang, problems=problems)
            return render(request, "assessments/fill.html", context, status=400)
        messages.success(request, _("Your answers so far are saved. You can continue later."))
        return redirect("assessments:fill", request_pk=req.pk)
    return render(request, "assessments/fill.html", _fill_context(req, selectors.answers_for(req), lang))


def answer(request, request_pk: int):
    """fetch() endpoint: save one answer the moment it is given."""
    req = get_owned(request.user, OWN_REQUESTS, request_pk, Action.WRITE_OWN)
    client = req.client
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        admin = services.save_answer(
            client, req.pk, request.POST.get("item"), request.POST.get("answer"), language=_lang()
        )
    except services.NotOpen:
        return JsonResponse({"saved": False, "error": _("This questionnaire is already submitted.")}, status=409)
    except services.AssessmentError:
        return JsonResponse({"saved": False, "error": _("That answer could not be saved.")}, status=400)
    total = len(get_instrument(req.instrument).items)
    return JsonResponse({"saved": True, "answered": admin.responses.count(), "total": total})


# The client's results are part of their one progress page (dashboard:my_progress); the old
# address answers with a permanent redirect (assessments/urls.py) so bookmarks keep working.


# --- Practice admin --------------------------------------------------------------------------


@role_required(Role.ADMIN)
def reliability_settings(request):
    lang = _lang()
    practice = request.user.practice
    entries = [
        {
            "spec": spec,
            "name": spec.name(lang),
            "figures": selectors.reliability_for(practice, spec.slug),
            "baselines": selectors.practice_baselines(practice, spec.slug)
            if spec.reliable_change.get("practice_baseline")
            else None,
        }
        for spec in all_instruments()
    ]
    return render(request, "assessments/reliability_settings.html", {"entries": entries})


@require_POST
@role_required(Role.ADMIN)
def baseline_option(request, slug: str):
    """Use (or stop using) the SD of the practice's own baseline scores (Jacobson & Truax)."""
    try:
        spec = get_instrument(slug)
    except InstrumentError:
        raise Http404 from None
    if not spec.reliable_change.get("practice_baseline"):
        raise Http404
    use = request.POST.get("use") == "1"
    setting = services.choose_baseline_sd(request.user.practice, slug, use=use, by=request.user)
    if not use:
        messages.success(request, _("The questionnaire's own figures are used again."))
    elif setting is None:
        messages.success(request, _("Chosen. Until enough clients have a first score, the provisional figures stay."))
    else:
        messages.success(request, _("Your practice's own baseline SD is used from now on."))
    return redirect("assessments:reliability_settings")


@role_required(Role.ADMIN)
def reliability_edit(request, slug: str):
    try:
        spec = get_instrument(slug)
    except InstrumentError:
        raise Http404 from None
    practice = request.user.practice
    figures = selectors.reliability_for(practice, slug)
    if request.method == "POST" and request.POST.get("action") == "reset":
        services.reset_reliability(practice, slug)
        messages.success(request, _("The instrument's default figures are used again."))
        return redirect("assessments:reliability_settings")
    initial = {
        "anxiety_sd": figures["anxiety"].sd,
        "anxiety_r": figures["anxiety"].r,
        "avoidance_sd": figures["avoidance"].sd,
        "avoidance_r": figures["avoidance"].r,
        "source": figures["anxiety"].source if figures["anxiety"].overridden else "",
    }
    form = ReliabilityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_reliability(practice, slug, by=request.user, **form.cleaned_data)
        messages.success(request, _("The practice's reliable-change figures are saved."))
        return redirect("assessments:reliability_settings")
    status = 400 if request.method == "POST" else 200
    context = {"spec": spec, "name": spec.name(_lang()), "form": form, "figures": figures}
    return render(request, "assessments/reliability_edit.html", context, status=status)
