"""Writes for assessments: schedules, generating requests, saving answers, submitting.

Every function that changes more than one row runs in one transaction. Callers pass records
they obtained through clients.access (get_client / own_client); these functions never widen
access, but they re-check that a request belongs to the given client so a forged id is a no-op.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from clients.models import Client

from . import scoring, session_timing
from .loader import InstrumentError, get_instrument
from .models import (
    Administration,
    AssessmentRequest,
    AssessmentSchedule,
    BaselineOption,
    ReliabilitySetting,
    RequestStatus,
    Response,
    Score,
)


class AssessmentError(ValueError):
    """A request that cannot be honoured; the message is safe to show to the user."""


class NotOpen(AssessmentError):
    """The request was already submitted or cancelled: nothing is changed."""


class Incomplete(AssessmentError):
    def __init__(self, missing: list[int]):
        super().__init__("missing items " + ", ".join(str(n) for n in missing))
        self.missing = missing


# --- Schedules and requests ------------------------------------------------------------------


def occurrence_dates(schedule: AssessmentSchedule, until: date) -> list[date]:
    """All due dates of a schedule up to `until` (inclusive), respecting its end date."""
    last = min(until, schedule.end_date) if schedule.end_date else until
    if schedule.start_date > last or schedule.is_session_based:
        return []  # a schedule timed to sessions has no dates of its own (session_timing)
    if schedule.is_once:
        return [schedule.start_date]
    step = timedelta(weeks=schedule.interval_weeks)
    dates, current = [], schedule.start_date
    while current <= last:
        dates.append(current)
        current += step
    return dates


def ensure_requests(schedule: AssessmentSchedule, due: date) -> int:
    """Make sure the occurrence on `due` exists for every target; returns how many were new.

    get_or_create on the unique (schedule, due_date, target) makes a concurrent second run
    (beat plus a manual run, two workers) create nothing and report 0.
    """
    created = 0
    for target in schedule.target_list:
        _, new = AssessmentRequest.objects.get_or_create(
            schedule=schedule,
            due_date=due,
            target=target,
            defaults={"client_id": schedule.client_id, "instrument": schedule.instrument},
        )
        created += new
    return created


@transaction.atomic
def create_schedule(
    client: Client,
    *,
    instrument: str,
    start_date: date,
    created_by,
    interval_weeks: int | None = None,
    end_date: date | None = None,
    targets: Iterable[str] = (),
    sessions_every: int | None = None,
    open_days_before: int | None = None,
) -> AssessmentSchedule:
    """Assign an instrument once, every N weeks, or before every Nth planned session (opening
    `open_days_before` days before it); the first request exists straight away when it is due."""
    try:
        spec = get_instrument(instrument)
    except InstrumentError as error:
        raise AssessmentError(str(error)) from None
    targets = list(dict.fromkeys(targets))
    if spec.per_target:
        unknown = [t for t in targets if spec.target(t) is None]
        if unknown or not targets:
            raise AssessmentError("Choose at least one known relationship for this questionnaire.")
    elif targets:
        raise AssessmentError("This questionnaire is not asked per relationship.")
    if interval_weeks is not None and interval_weeks < 1:
        raise AssessmentError("The interval must be at least one week.")
    if end_date is not None and end_date < start_date:
        raise AssessmentError("The end date lies before the first date.")
    if sessions_every is not None and (sessions_every < 1 or interval_weeks is not None):
        raise AssessmentError("Time a questionnaire either to sessions or to weeks.")
    schedule = AssessmentSchedule.objects.create(
        client=client,
        instrument=spec.slug,
        targets=targets,
        start_date=start_date,
        interval_weeks=interval_weeks,
        end_date=end_date,
        sessions_every=sessions_every,
        open_days_before=2 if open_days_before is None else open_days_before,
        created_by=created_by,
    )
    if schedule.is_session_based:
        session_timing.sync_schedule(schedule)
    else:
        ensure_requests(schedule, start_date)
    return schedule


def generate_due_requests(today: date) -> int:
    """Create the request for the current occurrence of every active schedule. Idempotent.

    Only the latest occurrence on or before `today` is created: a week in which the generator
    did not run does not pile up several requests for the client. An older open request that
    was never started is marked missed when its successor appears; one with answers stays open
    so the client loses nothing. Returns the number of requests created.
    """
    created = 0
    schedules = AssessmentSchedule.objects.filter(cancelled_at__isnull=True, start_date__lte=today).exclude(
        end_date__lt=today - timedelta(weeks=520)
    )
    created += session_timing.generate()
    for schedule in schedules.filter(sessions_every__isnull=True).iterator():
        dates = occurrence_dates(schedule, today)
        if not dates:
            continue
        latest = dates[-1]
        with transaction.atomic():
            created += ensure_requests(schedule, latest)
            AssessmentRequest.objects.filter(
                schedule=schedule, status=RequestStatus.OPEN, due_date__lt=latest, administration__isnull=True
            ).update(status=RequestStatus.MISSED, updated_at=timezone.now())
    return created


@transaction.atomic
def cancel_schedule(schedule: AssessmentSchedule, *, by) -> int:
    """Stop a schedule; its open requests disappear from the client's home. Idempotent."""
    schedule = AssessmentSchedule.objects.select_for_update().get(pk=schedule.pk)
    if schedule.cancelled_at is None:
        schedule.cancelled_at = timezone.now()
        schedule.cancelled_by = by
        schedule.save(update_fields=["cancelled_at", "cancelled_by"])
    return AssessmentRequest.objects.filter(schedule=schedule, status=RequestStatus.OPEN).update(
        status=RequestStatus.CANCELLED, updated_at=timezone.now()
    )


# --- Filling in ------------------------------------------------------------------------------


def _locked_open_request(client: Client, request_id: int) -> AssessmentRequest:
    try:
        req = AssessmentRequest.objects.select_for_update().get(pk=request_id, client=client)
    except AssessmentRequest.DoesNotExist:
        raise NotOpen("This questionnaire does not exist.") from None
    if req.status != RequestStatus.OPEN:
        raise NotOpen("This questionnaire is already completed or no longer open.")
    return req


def _parse_answer(spec, item, answer) -> tuple[int, int]:
    try:
        number, value = int(item), int(answer)
    except (TypeError, ValueError):
        raise AssessmentError("An answer must be a whole number.") from None
    if number not in spec.item_numbers:
        raise AssessmentError(f"Unknown item {item}.")
    if not spec.scale_min <= value <= spec.scale_max:
        raise AssessmentError(f"Answer {value} is outside the scale {spec.scale_min}-{spec.scale_max}.")
    return number, value


def _administration_for(req: AssessmentRequest, language: str) -> Administration:
    spec = get_instrument(req.instrument)
    admin, _ = Administration.objects.get_or_create(
        request=req,
        defaults={
            "client_id": req.client_id,
            "instrument": req.instrument,
            "instrument_version": spec.version_label,
            "target": req.target,
            "language": language,
        },
    )
    return admin


@transaction.atomic
def save_answers(
    client: Client, request_id: int, answers: Mapping, *, language: str = "en"
) -> tuple[Administration | None, list[str]]:
    """Save the answers as given, all or none; returns the administration and any problems.

    Used both by the per-answer fetch() call (one item) and by the plain form post (all items
    given so far), so a client without JavaScript loses nothing either.
    """
    req = _locked_open_request(client, request_id)
    spec = get_instrument(req.instrument)
    parsed, problems = {}, []
    for item, answer in answers.items():
        try:
            number, value = _parse_answer(spec, item, answer)
        except AssessmentError as error:
            problems.append(str(error))
            continue
        parsed[number] = value
    if problems or not parsed:
        # All or nothing: a post with any refused answer stores nothing (the page shows the
        # answers again so the client loses nothing they chose).
        return Administration.objects.filter(request=req).first(), problems
    admin = _administration_for(req, language)
    existing = {r.item_number: r for r in admin.responses.all()}
    for number, value in parsed.items():
        row = existing.get(number)
        if row is None:
            Response.objects.create(administration=admin, item_number=number, answer=value)
        elif row.answer != value:
            row.answer = value
            row.save(update_fields=["answer", "answered_at"])
    return admin, problems


def save_answer(client: Client, request_id: int, item, answer, *, language: str = "en") -> Administration:
    """Save one answer; raise AssessmentError for an unknown item or an answer off the scale."""
    with transaction.atomic():
        req = _locked_open_request(client, request_id)
        number, value = _parse_answer(get_instrument(req.instrument), item, answer)
        admin, _ = save_answers(client, request_id, {number: value}, language=language)
    return admin


@dataclass(frozen=True)
class Submission:
    administration: Administration
    created: bool  # False when this was a repeated submit (second tab, retried POST)


def submit(client: Client, request_id: int, *, language: str = "en") -> Submission:
    """Freeze the answers and store the score. A second submit of the same request is a no-op."""
    with transaction.atomic():
        try:
            req = AssessmentRequest.objects.select_for_update().get(pk=request_id, client=client)
        except AssessmentRequest.DoesNotExist:
            raise NotOpen("This questionnaire does not exist.") from None
        if req.status == RequestStatus.SUBMITTED:
            return Submission(administration=req.administration, created=False)
        if req.status != RequestStatus.OPEN:
            raise NotOpen("This questionnaire is no longer open.")
        spec = get_instrument(req.instrument)
        admin = _administration_for(req, language)
        answers = dict(admin.responses.values_list("item_number", "answer"))
        missing = scoring.missing_items(spec, answers)
        if missing:
            raise Incomplete(missing)
        result = scoring.score(spec, answers)
        now = timezone.now()
        admin.submitted_at = now
        admin.instrument_version = spec.version_label
        admin.save(update_fields=["submitted_at", "instrument_version"])
        Score.objects.create(
            administration=admin,
            client_id=req.client_id,
            instrument=req.instrument,
            target=req.target,
            submitted_at=now,
            anxiety=result.anxiety,
            avoidance=result.avoidance,
            corner=result.corner,
            split_point=result.split_point,
            instrument_version=result.instrument_version,
        )
        req.status = RequestStatus.SUBMITTED
        req.save(update_fields=["status", "updated_at"])
        if not req.target and _is_first_score(client, req.instrument):
            # A new baseline changes the practice's own baseline SD, when it chose to use it.
            if BaselineOption.objects.filter(practice_id=client.practice_id, instrument=req.instrument).exists():
                refresh_practice_baseline(client.practice, req.instrument)
    return Submission(administration=admin, created=True)


def _is_first_score(client: Client, instrument: str) -> bool:
    return Score.objects.filter(client=client, instrument=instrument, target="").count() == 1


def choose_baseline_sd(practice, instrument: str, *, use: bool, by) -> ReliabilitySetting | None:
    """The practice chooses (or stops) judging change with the SD of its own baseline scores.
    Choosing replaces figures the practice typed in; stopping returns to the instrument's."""
    if not get_instrument(instrument).reliable_change.get("practice_baseline"):
        raise ValueError(f"{instrument} has no practice-baseline option")
    with transaction.atomic():
        if not use:
            BaselineOption.objects.filter(practice=practice, instrument=instrument).delete()
            ReliabilitySetting.objects.filter(practice=practice, instrument=instrument).delete()
            return None
        BaselineOption.objects.get_or_create(practice=practice, instrument=instrument, defaults={"chosen_by": by})
        ReliabilitySetting.objects.filter(practice=practice, instrument=instrument, baseline_n__isnull=True).delete()
        return refresh_practice_baseline(practice, instrument)


def refresh_practice_baseline(practice, instrument: str, *, today=None) -> ReliabilitySetting | None:
    """Writes the practice's own baseline SD as its figures once enough clients have a first
    score (r stays the instrument's); below that, removes them, so the provisional figures are
    used and labelled as such. The caseload and every page read the figures from there."""
    from .selectors import practice_baselines

    baselines = practice_baselines(practice, instrument)
    if not baselines.enough:
        ReliabilitySetting.objects.filter(practice=practice, instrument=instrument, baseline_n__isnull=False).delete()
        return None
    spec = get_instrument(instrument)
    values = {"source": "", "baseline_n": baselines.n, "baseline_on": today or timezone.localdate()}
    for dim in ("anxiety", "avoidance"):
        values[f"{dim}_sd"] = Decimal(str(round(getattr(baselines, f"{dim}_sd"), 3)))
        values[f"{dim}_r"] = spec.default_reliability(dim)[1]
    setting, _created = ReliabilitySetting.objects.update_or_create(
        practice=practice, instrument=instrument, defaults=values
    )
    return setting


# --- Settings --------------------------------------------------------------------------------


def set_reliability(
    practice,
    instrument: str,
    *,
    anxiety_sd: Decimal,
    anxiety_r: Decimal,
    avoidance_sd: Decimal,
    avoidance_r: Decimal,
    source: str,
    by,
) -> ReliabilitySetting:
    get_instrument(instrument)
    values = {
        "anxiety_sd": anxiety_sd,
        "anxiety_r": anxiety_r,
        "avoidance_sd": avoidance_sd,
        "avoidance_r": avoidance_r,
        "source": source,
        "updated_by": by,
        # Figures typed in replace the practice's own baseline SD (and the choice to use it).
        "baseline_n": None,
        "baseline_on": None,
    }
    BaselineOption.objects.filter(practice=practice, instrument=instrument).delete()
    try:
        setting, _ = ReliabilitySetting.objects.update_or_create(
            practice=practice, instrument=instrument, defaults=values
        )
    except IntegrityError:  # two admins saving at once: the second one updates
        setting = ReliabilitySetting.objects.get(practice=practice, instrument=instrument)
        for key, value in values.items():
            setattr(setting, key, value)
        setting.save()
    return setting


def reset_reliability(practice, instrument: str) -> None:
    BaselineOption.objects.filter(practice=practice, instrument=instrument).delete()
    ReliabilitySetting.objects.filter(practice=practice, instrument=instrument).delete()
