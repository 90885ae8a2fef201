"""What each kind of reminder says, where it links to, and which users are due for it.

Text is deliberately empty of clinical detail: a reminder says "time for your diary", never an
instrument name, a score or an entry. Links go to the page where the thing is filled in; the
page itself asks for a login and applies the access policy.

Domain data is read only through the domain apps' selectors, imported plainly (reminders sits
above them in the layering), so a renamed function fails at import instead of silently
switching a reminder off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.localtime import day_of
from assessments import selectors as assessments
from clients.access import Action, clients_for
from clients.models import Client
from diary import selectors as diary
from goals import selectors as goals
from safety import selectors as safety

from . import conf
from .models import Kind, ReminderOccurrence, ReminderPreference, State, Tone
from .scheduling import LocalWindow


def first_url(*candidates: tuple[str, dict]) -> str:
    """The first of these pages that exists. None existing is a programming error and raises
    NoReverseMatch: a reminder that silently opened the home page instead would hide it
    (tests/reminders/test_reminder_links.py checks every first choice resolves)."""
    for name, kwargs in candidates[:-1]:
        try:
            return reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            continue
    name, kwargs = candidates[-1]
    return reverse(name, kwargs=kwargs or None)


def absolute(path: str) -> str:
    return settings.SITE_URL + path


@dataclass
class Message:
    subject: str
    lines: list[str]
    link: str  # path, made absolute for email
    link_label: str
    # The in-app copy sits behind the login, so it may say more than an email (e.g. which
    # client an alert is about); empty means the same as the email.
    in_app_title: str = ""
    in_app_link: str = ""


def parse_target(target_key: str) -> tuple[str, int | None, str]:
    """'assessment:12:followup' -> ('assessment', 12, 'followup')."""
    parts = target_key.split(":")
    ident = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    return parts[0], ident, parts[2] if len(parts) > 2 else ""


# --- messages (called inside translation.override(recipient.language)) ---------------------


def diary_message(occurrence: ReminderOccurrence) -> Message:
    return Message(
        subject=_("Time for your diary"),
        lines=[_("This is your reminder to write in your diary today."), _("It only takes a few minutes.")],
        link=first_url(("diary:entry_new", {})),
        link_label=_("Open my diary"),
    )


def assessment_message(occurrence: ReminderOccurrence) -> Message:
    _kind, request_id, phase = parse_target(occurrence.target_key)
    link = first_url(("assessments:fill", {"request_pk": request_id}), ("client_home", {}))
    if phase == "followup":
        subject = _("Reminder: a questionnaire is still waiting for you")
    else:
        subject = _("A questionnaire is waiting for you")
    return Message(
        subject=subject,
        lines=[_("Your therapist asked you to fill in a questionnaire."), _("You can do it on your phone.")],
        link=link,
        link_label=_("Fill in the questionnaire"),
    )


def goal_message(occurrence: ReminderOccurrence) -> Message:
    return Message(
        subject=_("Time to check in on your goals"),
        lines=[_("How did it go? A short check-in keeps track of your progress.")],
        link=first_url(("goals:my_goals", {})),
        link_label=_("Check in"),
    )


def digest_message(occurrence: ReminderOccurrence) -> Message:
    counts = digest_counts(occurrence)
    lines = [_("Here is your overview. Open securebase to see the details.")]
    labels = {
        "overdue": _("Overdue questionnaires: %(n)s"),
        "deteriorations": _("Reliable deteriorations: %(n)s"),
        "silent": _("Clients without a shared diary entry for %(days)s days: %(n)s"),
        "alerts": _("Open safety-net alerts: %(n)s"),
    }
    for key, label in labels.items():
        if counts.get(key) is not None:
            lines.append(label % {"n": counts[key], "days": int(conf.get("REMINDERS_DIARY_SILENT_DAYS"))})
    return Message(
        subject=_("Your securebase overview"),
        lines=lines,
        link=first_url(("dashboard:caseload", {}), ("caseload", {})),
        link_label=_("Open my caseload"),
    )


def digest_counts(occurrence: ReminderOccurrence) -> dict[str, int | None]:
    """Counts only (never names or scores), through the domain selectors."""
    therapist = occurrence.recipient
    clients = clients_for(therapist, Action.VIEW_CLINICAL).filter(status="active")
    counts: dict[str, int | None] = {"overdue": None, "deteriorations": None, "silent": None, "alerts": None}
    counts["alerts"] = safety.open_alerts(therapist).count()
    silent_days = int(conf.get("REMINDERS_DIARY_SILENT_DAYS"))
    since = occurrence.slot - dt.timedelta(days=silent_days)
    last = diary.last_entry_at_for(list(clients))
    counts["silent"] = sum(1 for when in last.values() if when is None or when < since)
    counts["overdue"] = assessments.overdue_requests(clients, today=local_day(occurrence)).count()
    counts["deteriorations"] = len(assessments.reliably_worse(clients))
    return counts


# The weekly reflection: one question, worded in the tone the client chose. No counts, no
# streaks, nothing about weeks skipped: the prompt is an invitation, never a score.
REFLECTION_WORDS = {
    Tone.GENTLE: (
        gettext_lazy("A quiet moment for yourself"),
        gettext_lazy("What did you notice about your pattern this week? Take your time; there is no right answer."),
    ),
    Tone.CURIOUS: (
        gettext_lazy("What did you notice this week?"),
        gettext_lazy(
            "What did you notice about your pattern this week? Perhaps a moment you reacted the way you "
            "usually do, or a little differently."
        ),
    ),
    Tone.BRIEF: (
        gettext_lazy("Your weekly reflection"),
        gettext_lazy("What did you notice about your pattern this week?"),
    ),
}


def reflection_words(tone: str) -> tuple[str, str]:
    """(subject, question) for a tone, in the active language; an unknown tone reads as gentle."""
    subject, question = REFLECTION_WORDS.get(tone, REFLECTION_WORDS[Tone.GENTLE])
    return str(subject), str(question)


def reflection_message(occurrence: ReminderOccurrence) -> Message:
    tone = (
        ReminderPreference.objects.filter(user_id=occurrence.recipient_id, kind=occurrence.kind)
        .values_list("tone", flat=True)
        .first()
    )
    subject, question = reflection_words(tone or Tone.GENTLE)
    return Message(
        subject=subject,
        lines=[question],
        link=first_url(("diary:pattern", {}), ("diary:entry_list", {})),
        link_label=_("Look at my pattern"),
    )


# --- still due at send time? ------------------------------------------------------------


def assessment_still_open(occurrence: ReminderOccurrence) -> bool:
    """None after completion: a request filled in (or cancelled) since the sweep is skipped."""
    _kind, request_id, _phase = parse_target(occurrence.target_key)
    client = Client.objects.filter(user_id=occurrence.recipient_id).first()
    return client is not None and any(r.pk == request_id for r in assessments.open_requests_for(client))


def diary_not_written_today(occurrence: ReminderOccurrence) -> bool:
    """No prompt when the client has already written today (their local day)."""
    client = Client.objects.filter(user_id=occurrence.recipient_id).select_related("user").first()
    return client is not None and diary.written_on(client, local_day(occurrence)) == 0


def goal_still_due(occurrence: ReminderOccurrence) -> bool:
    today = local_day(occurrence)
    clients = Client.objects.filter(user_id=occurrence.recipient_id)
    return goals.goals_needing_checkin(today, clients).exists()


def reflection_not_sent_this_week(occurrence: ReminderOccurrence) -> bool:
    """At most one reflection in any seven days, even if more than one day is ever chosen."""
    return not ReminderOccurrence.objects.filter(
        recipient_id=occurrence.recipient_id,
        kind=occurrence.kind,
        state=State.SENT,
        slot__gt=occurrence.slot - dt.timedelta(days=7),
        slot__lt=occurrence.slot,
    ).exists()


def local_day(occurrence: ReminderOccurrence) -> dt.date:
    """The recipient's local date of the occurrence's slot: the day the reminder is for."""
    return day_of(occurrence.recipient, occurrence.slot)


# --- who is due (set-based, used by the sweep) -------------------------------------------
# A source returns (queryset over ReminderPreference, target-key expression) given the zone
# groups' extra conditions; the sweep turns it into one INSERT … SELECT.

Extra = Callable[[LocalWindow, list[str]], Q]


@dataclass
class Source:
    kind: str
    target: str  # constant target key, or "" (per-row targets use target_expr)
    extra: Extra | None = None  # per zone group: more conditions on the preference's user
    target_expr: Callable[[], object] | None = None
    narrow: Callable[[QuerySet], QuerySet] | None = None


def _diary_sources() -> list[Source]:
    return [Source(Kind.DIARY, "", narrow=lambda qs: qs.filter(user__client_record__status="active"))]


def _digest_sources() -> list[Source]:
    return [Source(Kind.THERAPIST_DIGEST, "", narrow=lambda qs: qs.filter(user__role="therapist"))]


def _goal_sources() -> list[Source]:
    def extra(window: LocalWindow, zones: list[str]) -> Q:
        in_zone = Client.objects.filter(user__timezone__in=zones)
        due = goals.goals_needing_checkin(window.day, in_zone).values("client_id")
        return Q(user__client_record__in=due)

    # One reminder per client and day however many goals are behind: one nudge, not a list.
    return [Source(Kind.GOAL_CHECKIN, "goals", extra=extra)]


def _assessment_sources() -> list[Source]:
    from django.db.models import CharField, F, Value
    from django.db.models.functions import Cast, Concat

    followup = dt.timedelta(days=int(conf.get("REMINDERS_ASSESSMENT_FOLLOWUP_DAYS")))
    rel = "user__client_record__assessment_requests"

    def sources_for(phase: str, shift: dt.timedelta) -> Source:
        def extra(window: LocalWindow, zones: list[str]) -> Q:
            due = assessments.due_requests_on(window.day - shift).filter(client__user__timezone__in=zones).values("pk")
            return Q(**{f"{rel}__in": due})

        def target():
            return Concat(
                Value("assessment:"), Cast(F(f"{rel}__id"), CharField()), Value(f":{phase}"), output_field=CharField()
            )

        return Source(
            Kind.ASSESSMENT_DUE,
            "",
            extra=extra,
            target_expr=target,
            narrow=lambda qs: qs.filter(user__client_record__status="active"),
        )

    return [sources_for("due", dt.timedelta(0)), sources_for("followup", followup)]


def _admin_digest_sources() -> list[Source]:
    return [Source(Kind.ADMIN_DIGEST, "", narrow=lambda qs: qs.filter(user__role="admin"))]


def _reflection_sources() -> list[Source]:
    return [Source(Kind.WEEKLY_REFLECTION, "", narrow=lambda qs: qs.filter(user__client_record__status="active"))]


def all_sources() -> list[Source]:
    return (
        _diary_sources()
        + _assessment_sources()
        + _goal_sources()
        + _digest_sources()
        + _reflection_sources()
        + _admin_digest_sources()
        + [source for make in EXTRA_SOURCES for source in make()]
    )


# Kinds defined in their own module (session_eve) add their sources here, and their message and
# still-due check to MESSAGES and STILL_DUE, when the reminders app is ready.
EXTRA_SOURCES: list[Callable[[], list[Source]]] = []


MESSAGES: dict[str, Callable[[ReminderOccurrence], Message]] = {
    Kind.DIARY: diary_message,
    Kind.ASSESSMENT_DUE: assessment_message,
    Kind.GOAL_CHECKIN: goal_message,
    Kind.THERAPIST_DIGEST: digest_message,
    Kind.WEEKLY_REFLECTION: reflection_message,
}

STILL_DUE: dict[str, Callable[[ReminderOccurrence], bool]] = {
    Kind.DIARY: diary_not_written_today,
    Kind.ASSESSMENT_DUE: assessment_still_open,
    Kind.GOAL_CHECKIN: goal_still_due,
    Kind.WEEKLY_REFLECTION: reflection_not_sent_this_week,
}
