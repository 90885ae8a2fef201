"""Writes on goals, steps, check-ins and GAS ratings; each runs in one transaction.

Views decide who may call these (clients.access); the services enforce the data rules
that hold whoever calls: a check-in belongs to the goal's own client, is dated between the
diary's earliest date and the client's today, has anxiety within 0–10 and notes within the
diary's lengths, and a retried submit creates nothing twice. A goal's start and review dates
and a GAS rating's date are not before the diary's earliest date either; goal dates are at most
PLAN_AHEAD_YEARS ahead and a rating is not in the client's future.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.localtime import client_today
from clients.models import Client
from diary import limits

from .models import CheckIn, GASRating, Goal, Step

# The goal fields a person writes, in the order the goal form shows them (the form's field list).
GOAL_FIELDS = (
    "title",
    "why",
    "target_per_week",
    "start_date",
    "review_date",
    "status",
    "level_plus2",
    "level_plus1",
    "level_0",
    "level_minus1",
    "level_minus2",
    "gas_weight",
    "template_slug",
)


class StepOrderConflict(Exception):
    """The steps changed since the page was shown; the submitted order was not applied."""


# A goal is planned a few years ahead at most; a later start or review date is a typing slip (9999-12-31).
PLAN_AHEAD_YEARS = 5
GOAL_DATE_FIELDS = ("start_date", "review_date")


def latest_plan_date(today: date) -> date:
    """The last start or review date a goal may have: PLAN_AHEAD_YEARS after ``today``."""
    try:
        return today.replace(year=today.year + PLAN_AHEAD_YEARS)
    except ValueError:  # 29 February in a year that has none
        return today.replace(year=today.year + PLAN_AHEAD_YEARS, day=28)


def goal_date_errors(today: date, dates: dict) -> dict[str, list[str]]:
    """Errors for the goal dates given (None means not set), by field; the form and the services share it."""
    errors: dict[str, list[str]] = {}
    latest = latest_plan_date(today)
    for name, day in dates.items():
        if day is not None and day < limits.EARLIEST_DATE:
            errors[name] = [str(limits.EARLIEST_DATE_MESSAGE)]
        elif day is not None and day > latest:
            errors[name] = [_("Choose a date no more than %(years)d years from today.") % {"years": PLAN_AHEAD_YEARS}]
    return errors


@transaction.atomic
def create_goal(client: Client, *, by, steps: Sequence[str] = (), **fields) -> Goal:
    unknown = set(fields) - set(GOAL_FIELDS)
    if unknown:
        raise TypeError(f"unknown goal fields {sorted(unknown)}")
    goal = Goal(client=client, created_by=by, **fields)
    errors = goal_date_errors(client_today(client), {name: getattr(goal, name) for name in GOAL_DATE_FIELDS})
    if errors:
        raise ValidationError(errors)
    goal.full_clean(exclude=["client", "created_by"])
    goal.save()
    Step.objects.bulk_create(
        [Step(goal=goal, text=text.strip(), position=i) for i, text in enumerate(steps) if text.strip()]
    )
    return goal


def update_goal(goal: Goal, **fields) -> Goal:
    unknown = set(fields) - set(GOAL_FIELDS)
    if unknown:
        raise TypeError(f"unknown goal fields {sorted(unknown)}")
    # Only the dates being written: an old goal is not locked by a date it already has.
    dates = {name: fields[name] for name in GOAL_DATE_FIELDS if name in fields}
    errors = goal_date_errors(client_today(goal.client), dates)
    if errors:
        raise ValidationError(errors)
    for name, value in fields.items():
        setattr(goal, name, value)
    goal.full_clean(exclude=["client", "created_by"])
    goal.save(update_fields=[*fields, "updated_at"])
    return goal


@transaction.atomic
def add_step(goal: Goal, text: str) -> Step:
    locked = Goal.objects.select_for_update().get(pk=goal.pk)
    last = locked.steps.order_by("-position").values_list("position", flat=True).first()
    step = Step.objects.create(goal=locked, text=text.strip(), position=(last + 1) if last is not None else 0)
    _bump(locked)
    return step


def update_step(step: Step, text: str) -> Step:
    step.text = text.strip()
    step.full_clean(exclude=["goal"])
    step.save(update_fields=["text"])
    return step


@transaction.atomic
def delete_step(goal: Goal, step_id: int) -> bool:
    """Delete one step of this goal; False when it was already gone (a repeated click)."""
    locked = Goal.objects.select_for_update().get(pk=goal.pk)
    deleted, _ = Step.objects.filter(goal=locked, pk=step_id).delete()
    if deleted:
        _bump(locked)
    return bool(deleted)


@transaction.atomic
def reorder_steps(goal: Goal, order: Sequence[int], *, expected_version: int) -> Goal:
    """Put the goal's steps in `order` (all step ids, first to last).

    Whoever submits works from the list they were shown; the goal row is locked and its
    steps_version compared, so when two people reorder at once the second one is told the
    list changed (StepOrderConflict) instead of silently undoing the first one's work.
    """
    locked = Goal.objects.select_for_update().get(pk=goal.pk)
    current = list(locked.steps.values_list("pk", flat=True))
    if locked.steps_version != expected_version or sorted(current) != sorted(order) or len(set(order)) != len(order):
        raise StepOrderConflict
    steps = {step.pk: step for step in locked.steps.all()}
    for position, pk in enumerate(order):
        steps[pk].position = position
    Step.objects.bulk_update(steps.values(), ["position"])
    _bump(locked)
    goal.steps_version = locked.steps_version
    return locked


def _bump(goal: Goal) -> None:
    goal.steps_version += 1
    goal.save(update_fields=["steps_version", "updated_at"])


def record_checkin(
    client: Client,
    goal: Goal,
    *,
    date: date,
    outcome: str,
    idempotency_key: uuid.UUID | str,
    step: Step | None = None,
    anxiety_before: int | None = None,
    anxiety_after: int | None = None,
    what_happened: str = "",
    what_helped: str = "",
    diary_entry=None,
) -> tuple[CheckIn, bool]:
    """Record one check-in; (check-in, created). The same idempotency key returns the first one."""
    if goal.client_id != client.pk:
        # Views 404 before this; the service refuses too, whoever calls it.
        raise ValidationError(_("This goal belongs to someone else."))
    errors = _checkin_errors(
        client,
        goal,
        date=date,
        step=step,
        anxiety={"anxiety_before": anxiety_before, "anxiety_after": anxiety_after},
        texts={"what_happened": what_happened, "what_helped": what_helped},
        diary_entry=diary_entry,
    )
    if errors:
        raise ValidationError(errors)
    existing = CheckIn.objects.filter(client=client, idempotency_key=idempotency_key).first()
    if existing:
        return existing, False
    fields = {
        "goal": goal,
        "step": step,
        "date": date,
        "outcome": outcome,
        "anxiety_before": anxiety_before,
        "anxiety_after": anxiety_after,
        "what_happened": what_happened,
        "what_helped": what_helped,
    }
    if diary_entry is not None:
        fields["diary_entry"] = diary_entry
    try:
        with transaction.atomic():
            return CheckIn.objects.create(client=client, idempotency_key=idempotency_key, **fields), True
    except IntegrityError:
        # Two submits raced past the lookup above; the unique constraint let one through.
        return CheckIn.objects.get(client=client, idempotency_key=idempotency_key), False


# The same bounds as a diary entry: a check-in is the same person writing about the same days.
CHECKIN_TEXT_LIMITS = {"what_happened": limits.STORY_MAX_LENGTH, "what_helped": limits.NOTE_MAX_LENGTH}


def _checkin_errors(client, goal, *, date, step, anxiety: dict, texts: dict, diary_entry) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if step is not None and step.goal_id != goal.pk:
        errors.setdefault("step", []).append(_("That step belongs to another goal."))
    if date > client_today(client):
        errors.setdefault("date", []).append(_("A check-in cannot be dated in the future."))
    if date < limits.EARLIEST_DATE:
        errors.setdefault("date", []).append(str(limits.EARLIEST_DATE_MESSAGE))
    for name, value in anxiety.items():
        if value is not None and not 0 <= value <= 10:
            errors.setdefault(name, []).append(_("Anxiety is rated from 0 to 10."))
    for name, text in texts.items():
        try:
            MaxLengthValidator(CHECKIN_TEXT_LIMITS[name])(text)
        except ValidationError as error:
            errors.setdefault(name, []).extend(error.messages)
    if diary_entry is not None and diary_entry.client_id != client.pk:
        errors.setdefault("diary_entry", []).append(_("Only your own diary entries can be linked."))
    return errors


def rate_goal(goal: Goal, *, by, date: date, level: int, note: str = "") -> tuple[GASRating, bool]:
    """The therapist's GAS rating at a review; rating the same goal twice on one day updates it."""
    if level not in (-2, -1, 0, 1, 2):
        raise ValidationError({"level": [_("A GAS level is between −2 and +2.")]})
    errors = rating_date_errors(goal, date)
    if errors:
        raise ValidationError({"date": errors})
    try:
        with transaction.atomic():
            return GASRating.objects.update_or_create(
                goal=goal, date=date, defaults={"level": level, "note": note, "rated_by": by}
            )
    except IntegrityError:
        rating = GASRating.objects.get(goal=goal, date=date)
        rating.level, rating.note, rating.rated_by = level, note, by
        rating.save(update_fields=["level", "note", "rated_by", "updated_at"])
        return rating, False


def rating_date_errors(goal: Goal, day: date) -> list[str]:
    """A GAS rating is dated from the diary's earliest date up to the client's today."""
    if day < limits.EARLIEST_DATE:
        return [str(limits.EARLIEST_DATE_MESSAGE)]
    if day > client_today(goal.client):
        return [_("A review cannot be dated in the future.")]
    return []
