"""Thin views: clients.access decides, services write, selectors read, templates show."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.localtime import client_today
from accounts.models import Role
from clients.access import Action, can, get_client, get_owned, own_client, role_required

from . import selectors, services
from .forms import CheckInForm, GASRatingForm, GoalForm, StepForm
from .models import Goal, GoalStatus, Step
from .templates_data import all_templates, get_template

# Goals as their pages show them (with who wrote them); get_owned narrows to one the user may see.
GOALS = Goal.objects.select_related("created_by")


def _add_errors(form, error: ValidationError) -> None:
    """A service's refusal shown on the form, by field where the form has that field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _goal_list(request, client):
    goals = list(selectors.goals_for(client))
    progress = selectors.progress_for_goals(goals)
    is_client = request.user.role == Role.CLIENT
    context = {
        "client": client,
        "rows": [(goal, progress[goal.pk]) for goal in goals],
        # The therapist reads the GAS T-score, explained in words; the client reads each goal's
        # latest review in words (GAS levels are written in the client's own words, so unlike
        # questionnaire scores they are not behind the results switch).
        "gas_score": None if is_client else selectors.gas_t_score_for(client),
        "reviews": selectors.latest_reviews(g for g in goals if g.status != GoalStatus.DROPPED) if is_client else [],
        "can_plan": can(request.user, Action.PLAN, client),
        "is_client": is_client,
    }
    return render(request, "goals/goal_list.html", context)


@role_required(Role.CLIENT)
def my_goals(request):
    return _goal_list(request, own_client(request.user, kind="goals"))


def client_goals(request, client_pk: int):
    return _goal_list(request, get_client(request.user, client_pk, Action.VIEW_CLINICAL, kind="goals"))


def goal_create(request, client_pk: int):
    client = get_client(request.user, client_pk, Action.PLAN, kind="goals")
    is_therapist = request.user.role == Role.THERAPIST
    language = client.user.language
    template = get_template(request.GET.get("template", ""), language)
    if request.method == "POST":
        form = GoalForm(request.POST, creating=True, is_therapist=is_therapist, client=client)
        if form.is_valid():
            fields = {name: value for name, value in form.cleaned_data.items() if name != "steps"}
            try:
                goal = services.create_goal(client, by=request.user, steps=form.step_lines(), **fields)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Goal saved."))
                return redirect("goals:goal_detail", pk=goal.pk)
        status = 400
    else:
        initial = {"start_date": client_today(client)}
        if template:
            initial.update(
                title=template.title, why=template.why, steps="\n".join(template.steps), template_slug=template.slug
            )
        form = GoalForm(initial=initial, creating=True, is_therapist=is_therapist, client=client)
        status = 200
    context = {
        "client": client,
        "form": form,
        "creating": True,
        "templates": all_templates(language),
        "chosen": template,
    }
    return render(request, "goals/goal_form.html", context, status=status)


def goal_detail(request, pk: int):
    goal = get_owned(request.user, GOALS, pk, Action.VIEW_CLINICAL, kind="goals")
    return _render_detail(request, goal)


def _render_detail(request, goal, *, step_form=None, status=200):
    client = goal.client
    steps = list(goal.steps.all())
    ids = [step.pk for step in steps]
    moves = []
    for i, step in enumerate(steps):
        up = down = None
        if i > 0:
            order = ids[:]
            order[i - 1], order[i] = order[i], order[i - 1]
            up = ",".join(map(str, order))
        if i < len(steps) - 1:
            order = ids[:]
            order[i + 1], order[i] = order[i], order[i + 1]
            down = ",".join(map(str, order))
        moves.append((step, up, down))
    is_client = request.user.role == Role.CLIENT
    ratings = list(selectors.gas_ratings(goal))
    for rating in ratings:
        rating.words = selectors.LEVEL_WORDS[rating.level]
    context = {
        "goal": goal,
        "client": client,
        "moves": moves,
        "progress": selectors.goal_progress(goal),
        "checkins": selectors.recent_checkins(goal),
        "ratings": ratings,
        "is_client": is_client,
        # For the client the levels read as words, not −2…+2 (see selectors.LEVEL_WORDS).
        "level_words": [(level, selectors.LEVEL_WORDS[level], text) for level, text in goal.gas_levels],
        "can_plan": can(request.user, Action.PLAN, client),
        "can_checkin": can(request.user, Action.WRITE_OWN, client),
        "can_rate": can(request.user, Action.TREAT, client),
        "step_form": step_form or StepForm(),
    }
    return render(request, "goals/goal_detail.html", context, status=status)


def goal_edit(request, pk: int):
    goal = get_owned(request.user, GOALS, pk, Action.PLAN, kind="goals")
    is_therapist = request.user.role == Role.THERAPIST
    if request.method == "POST":
        form = GoalForm(request.POST, instance=goal, is_therapist=is_therapist)
        if form.is_valid():
            try:
                services.update_goal(goal, **form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Goal saved."))
                return redirect("goals:goal_detail", pk=goal.pk)
        status = 400
    else:
        form = GoalForm(instance=goal, is_therapist=is_therapist)
        status = 200
    context = {"client": goal.client, "goal": goal, "form": form, "creating": False}
    return render(request, "goals/goal_form.html", context, status=status)


@require_POST
def step_add(request, pk: int):
    goal = get_owned(request.user, GOALS, pk, Action.PLAN, kind="goals")
    form = StepForm(request.POST)
    if form.is_valid():
        services.add_step(goal, form.cleaned_data["text"])
        messages.success(request, _("Step added."))
        return redirect("goals:goal_detail", pk=goal.pk)
    return _render_detail(request, goal, step_form=form, status=400)


def step_edit(request, pk: int, step_pk: int):
    step = get_owned(request.user, Step.objects.filter(goal_id=pk), step_pk, Action.PLAN, "goals", via="goal__client")
    goal = step.goal
    if request.method == "POST":
        form = StepForm(request.POST, instance=step)
        if form.is_valid():
            services.update_step(step, form.cleaned_data["text"])
            messages.success(request, _("Step saved."))
            return redirect("goals:goal_detail", pk=goal.pk)
        status = 400
    else:
        form = StepForm(instance=step)
        status = 200
    return render(request, "goals/step_form.html", {"goal": goal, "form": form}, status=status)


@require_POST
def step_delete(request, pk: int, step_pk: int):
    goal = get_owned(request.user, GOALS, pk, Action.PLAN, kind="goals")
    if services.delete_step(goal, step_pk):
        messages.success(request, _("Step removed."))
    return redirect("goals:goal_detail", pk=goal.pk)


@require_POST
def steps_reorder(request, pk: int):
    goal = get_owned(request.user, GOALS, pk, Action.PLAN, kind="goals")
    try:
        order = [int(part) for part in request.POST.get("order", "").split(",") if part.strip()]
        version = int(request.POST.get("version", ""))
        services.reorder_steps(goal, order, expected_version=version)
    except (ValueError, services.StepOrderConflict):
        messages.warning(
            request,
            _(
                "The steps were changed meanwhile (perhaps by your therapist or client), so your new order was not "
                "applied. This is the current order; please move the step again."
            ),
        )
    else:
        messages.success(request, _("Order saved."))
    return redirect("goals:goal_detail", pk=goal.pk)


def checkin(request, pk: int):
    goal = get_owned(request.user, GOALS, pk, Action.WRITE_OWN, kind="goals")
    if request.method == "POST":
        form = CheckInForm(request.POST, goal=goal)
        if form.is_valid():
            try:
                _checkin, created = services.record_checkin(goal.client, goal, **form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                if created:
                    messages.success(request, _("Check-in saved. Well done for practising."))
                else:
                    messages.info(request, _("This check-in was already saved."))
                return redirect("goals:goal_detail", pk=goal.pk)
        status = 400
    else:
        step_id = request.GET.get("step", "")
        initial = {"step": int(step_id)} if step_id.isdigit() and goal.steps.filter(pk=step_id).exists() else {}
        form = CheckInForm(goal=goal, initial=initial)
        status = 200
    return render(request, "goals/checkin_form.html", {"goal": goal, "form": form}, status=status)


def gas_rate(request, pk: int):
    goal = get_owned(request.user, GOALS, pk, Action.TREAT, kind="goals")
    if request.method == "POST":
        form = GASRatingForm(request.POST, goal=goal)
        if form.is_valid():
            services.rate_goal(goal, by=request.user, **form.cleaned_data)
            messages.success(request, _("GAS rating saved."))
            return redirect("goals:goal_detail", pk=goal.pk)
        status = 400
    else:
        form = GASRatingForm(goal=goal)
        status = 200
    context = {"goal": goal, "form": form, "ratings": selectors.gas_ratings(goal)}
    return render(request, "goals/gas_form.html", context, status=status)
