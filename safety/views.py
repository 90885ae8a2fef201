from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from clients.access import Action, get_client, get_owned, is_cleared, own_client, role_required

from . import selectors, services
from .forms import (
    AcknowledgeForm,
    ClientOptInForm,
    ClientSafetySettingsForm,
    CrisisInfoForm,
    PracticeSafetySettingsForm,
    SafetyPlanForm,
)
from .models import Alert, CrisisInfo


def crisis(request):
    """The practice's crisis information: one tap from every client page."""
    if not is_cleared(request.user):
        raise Http404
    info = selectors.crisis_info(request.user.practice_id)
    plan = None
    if request.user.role == Role.CLIENT:
        plan = selectors.plan_for(own_client(request.user, kind="safety_plan"))
    return render(request, "safety/crisis.html", {"info": info, "plan": plan})


@role_required(Role.ADMIN)
def practice_settings(request):
    info = CrisisInfo.objects.filter(practice_id=request.user.practice_id).first() or CrisisInfo(
        practice_id=request.user.practice_id
    )
    thresholds = services.practice_settings(request.user.practice_id)
    crisis_form = CrisisInfoForm(request.POST if "crisis" in request.POST else None, instance=info, prefix="crisis")
    settings_form = PracticeSafetySettingsForm(
        request.POST if "thresholds" in request.POST else None, instance=thresholds, prefix="th"
    )
    if request.method == "POST":
        form = crisis_form if "crisis" in request.POST else settings_form
        if form.is_valid():
            if form is crisis_form:
                services.save_crisis_info(request.user.practice_id, by=request.user, **form.cleaned_data)
            else:
                services.update_settings(thresholds, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("safety:practice")
    context = {
        "crisis_form": crisis_form,
        "settings_form": settings_form,
        "escalated": selectors.escalated_counts(request.user),
    }
    return render(request, "safety/practice.html", context, status=400 if request.method == "POST" else 200)


@role_required(Role.THERAPIST)
def alerts(request):
    show_all = request.GET.get("all") == "1"
    items = selectors.visible_alerts(request.user) if show_all else selectors.open_alerts(request.user)
    alerts = selectors.with_causes(request.user, items[:200])
    return render(request, "safety/alerts.html", {"alerts": alerts, "show_all": show_all})


def _alert_for(request, pk: int) -> Alert:
    """The alert if the policy lets the user treat its client AND it is still shown (404 when,
    e.g., the entry behind it was unshared)."""
    get_owned(request.user, Alert, pk, Action.TREAT, kind="safety_alert")
    alert = selectors.visible_alerts(request.user).filter(pk=pk).first()
    if alert is None:
        raise Http404
    return alert


@role_required(Role.THERAPIST)
def alert_open(request, pk: int):
    """Where an alert's notification leads: what raised the alert, if the therapist may still
    open it (checked now, not when the notification was sent), else the alert in the list."""
    alert = _alert_for(request, pk)
    (alert,) = selectors.with_causes(request.user, [alert])
    return redirect(alert.cause_url or f"{reverse('safety:alerts')}?all=1#alert-{alert.pk}")


@require_POST
def acknowledge(request, pk: int):
    alert = _alert_for(request, pk)
    form = AcknowledgeForm(request.POST)
    if form.is_valid():
        services.acknowledge(alert, by=request.user, **form.cleaned_data)
        messages.success(request, _("Alert updated."))
    else:
        messages.error(request, _("Choose whether you have seen or acted on the alert."))
    return redirect("safety:alerts")


def _plan_page(request, client, back_url: str):
    plan = selectors.plan_for(client)
    form = SafetyPlanForm(request.POST or None, instance=plan, initial={"version": plan.version})
    editing = request.method == "POST" or request.GET.get("edit") == "1" or not plan.pk
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in SafetyPlanForm.Meta.fields}
        try:
            services.save_plan(client, data, version=form.cleaned_data["version"], by=request.user)
        except services.StalePlan:
            messages.error(
                request,
                _(
                    "Someone else changed the plan while you were editing. Your text is still below; "
                    "compare it with the current plan and save again."
                ),
            )
            form.data = form.data.copy()
            form.data["version"] = selectors.plan_for(client).version
            current = selectors.plan_for(client)
            return render(
                request,
                "safety/plan.html",
                {"client": client, "plan": current, "form": form, "editing": True, "back_url": back_url},
                status=409,
            )
        messages.success(request, _("Safety plan saved."))
        return redirect(request.path)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "safety/plan.html",
        {"client": client, "plan": plan, "form": form, "editing": editing, "back_url": back_url},
        status=status,
    )


def my_plan(request):
    client = own_client(request.user, kind="safety_plan")
    return _plan_page(request, client, back_url="client_home")


def client_plan(request, pk: int):
    client = get_client(request.user, pk, Action.PLAN, kind="safety_plan")
    if request.user.role == Role.CLIENT:
        return redirect("safety:my_plan")
    return _plan_page(request, client, back_url="client_detail")


def my_settings(request):
    client = own_client(request.user, kind="safety_settings")
    current = services.client_settings(client)
    form = ClientOptInForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.update_settings(current, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("safety:my_settings")
    return render(request, "safety/my_settings.html", {"form": form})


def client_settings(request, pk: int):
    client = get_client(request.user, pk, Action.TREAT, kind="safety_settings")
    current = services.client_settings(client)
    form = ClientSafetySettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.update_settings(current, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("safety:client_settings", pk=client.pk)
    return render(
        request,
        "safety/client_settings.html",
        {"client": client, "form": form, "opted_in": current.tell_therapist_private_distress},
        status=400 if request.method == "POST" else 200,
    )
