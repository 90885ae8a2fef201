import uuid
from datetime import timedelta
from datetime import timezone as dt_timezone

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.localtime import client_today
from diary.limits import EARLIEST_DATE, EARLIEST_DATE_MESSAGE

from .models import GASRating, Goal, Outcome, Step
from .services import (
    CHECKIN_TEXT_LIMITS,
    GOAL_DATE_FIELDS,
    GOAL_FIELDS,
    goal_date_errors,
    latest_plan_date,
    rating_date_errors,
)
from .templates_data import get_template

ANXIETY_ERRORS = {
    "min_value": _("Anxiety is rated from 0 to 10."),
    "max_value": _("Anxiety is rated from 0 to 10."),
    "invalid": _("Anxiety is rated from 0 to 10."),
}

DIARY_LINK_DAYS = 60
OLD_PAGE_MESSAGE = _(
    "This page was open for a long time or came from an older copy, so the check-in was not saved yet. "
    "What you filled in is kept: check it and save again."
)


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


# Where no client is known yet the form takes the earliest today anywhere (UTC−12), so its
# "at most N years ahead" is never looser than the service's, which uses the client's own today.
EARLIEST_ZONE = dt_timezone(timedelta(hours=-12))


def _anxiety_field(label) -> forms.IntegerField:
    """An optional 0–10 rating with the number keypad on a phone."""
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=10,
        error_messages=ANXIETY_ERRORS,
        widget=forms.NumberInput(attrs={"min": 0, "max": 10, "inputmode": "numeric"}),
    )


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class GoalForm(forms.ModelForm):
    """Create or edit a goal; on creation the first steps come one per line."""

    steps = forms.CharField(
        label=_("First steps (one per line, easiest first)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    class Meta:
        model = Goal
        fields = GOAL_FIELDS
        widgets = {
            "why": forms.Textarea(attrs={"rows": 2}),
            "start_date": _date_widget(),
            "review_date": _date_widget(),
            "template_slug": forms.HiddenInput(),
            "target_per_week": forms.NumberInput(attrs={"min": 1, "max": 14, "inputmode": "numeric"}),
        }
        help_texts = {
            "level_0": _("Describe each level in the client's own words."),
            "gas_weight": _("How much this goal counts in the GAS T-score (1 = equal weights)."),
        }

    def __init__(self, *args, creating: bool = False, is_therapist: bool = False, client=None, **kwargs):
        super().__init__(*args, **kwargs)
        client = client or (self.instance.client if self.instance.client_id else None)
        self.today = client_today(client) if client else timezone.localdate(timezone=EARLIEST_ZONE)
        for name in GOAL_DATE_FIELDS:
            self.fields[name].widget.attrs.update(
                min=EARLIEST_DATE.isoformat(), max=latest_plan_date(self.today).isoformat()
            )
        if not creating:
            del self.fields["steps"]
            del self.fields["template_slug"]
        else:
            del self.fields["status"]
        if not is_therapist:
            del self.fields["gas_weight"]
        else:
            self.fields["gas_weight"].required = False

    def clean_gas_weight(self):
        return self.cleaned_data.get("gas_weight") or 1

    def clean(self):
        cleaned = super().clean()
        dates = {name: cleaned[name] for name in GOAL_DATE_FIELDS if cleaned.get(name)}
        for name, errors in goal_date_errors(self.today, dates).items():
            self.add_error(name, errors)
        start, review = cleaned.get("start_date"), cleaned.get("review_date")
        if start and review and review < start:
            self.add_error("review_date", _("The review date cannot be before the start date."))
        return cleaned

    def clean_template_slug(self):
        slug = self.cleaned_data.get("template_slug", "")
        return slug if get_template(slug) else ""

    def step_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("steps", "").splitlines() if line.strip()]


class StepForm(forms.ModelForm):
    class Meta:
        model = Step
        fields = ["text"]
        labels = {"text": _("Step")}


class CheckInForm(forms.Form):
    """The quick check-in on a phone: outcome, two numbers, optional words."""

    outcome = forms.ChoiceField(
        label=_("How did it go?"), choices=Outcome.choices, widget=forms.RadioSelect, initial=Outcome.DONE
    )
    date = forms.DateField(label=_("Date"), widget=_date_widget())
    step = forms.ModelChoiceField(
        label=_("Which step"), queryset=Step.objects.none(), required=False, empty_label=_("No particular step")
    )
    anxiety_before = _anxiety_field(_("Anxiety before (0–10)"))
    anxiety_after = _anxiety_field(_("Anxiety after (0–10)"))
    what_happened = forms.CharField(
        label=_("What happened"),
        required=False,
        max_length=CHECKIN_TEXT_LIMITS["what_happened"],
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    what_helped = forms.CharField(
        label=_("What helped"),
        required=False,
        max_length=CHECKIN_TEXT_LIMITS["what_helped"],
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    diary_entry = forms.ModelChoiceField(
        label=_("Link a diary entry"), queryset=None, required=False, empty_label=_("No diary entry")
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput())

    def __init__(self, *args, goal: Goal, **kwargs):
        super().__init__(*args, **kwargs)
        self.goal = goal
        self.today = client_today(goal.client)
        self.fields["step"].queryset = goal.steps.all()
        # Refusals a person can meet without doing anything wrong, each said in words.
        self.fields["step"].error_messages["invalid_choice"] = _(
            "That step is no longer part of this goal (it may have been changed meanwhile). Choose another "
            "step or none, and save again."
        )
        self.fields["diary_entry"].error_messages["invalid_choice"] = _(
            "That diary entry can no longer be linked (it may have been deleted meanwhile). Choose another "
            "or none, and save again."
        )
        self.fields["idempotency_key"].error_messages.update(
            {"required": OLD_PAGE_MESSAGE, "invalid": OLD_PAGE_MESSAGE}
        )
        self.renewed_key = False
        if self.is_bound and not _is_uuid(self.data.get("idempotency_key")):
            # An old page without a usable key: a fresh one, so saving again (once) works.
            self.data = self.data.copy()
            self.data["idempotency_key"] = str(uuid.uuid4())
            self.renewed_key = True
        self.fields["date"].initial = self.today
        self.fields["date"].widget.attrs["max"] = self.today.isoformat()
        self.fields["date"].widget.attrs["min"] = EARLIEST_DATE.isoformat()
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4())
        from diary.models import DiaryEntry

        # Only this client's own recent entries are offered (and the service checks again).
        since = timezone.now() - timedelta(days=DIARY_LINK_DAYS)
        self.fields["diary_entry"].queryset = DiaryEntry.objects.filter(
            client_id=goal.client_id, occurred_at__gte=since
        ).order_by("-occurred_at")
        self.fields["diary_entry"].label_from_instance = lambda e: (
            timezone.localtime(e.occurred_at).strftime("%Y-%m-%d %H:%M") + (f" — {e.i_feel[:40]}" if e.i_feel else "")
        )

    def clean(self):
        cleaned = super().clean()
        if self.renewed_key:
            # Not saved without the person seeing it: a second copy of an old page must not count twice.
            self.add_error(None, OLD_PAGE_MESSAGE)
        return cleaned

    def visible_errors(self) -> list[str]:
        """Every refusal, including those of fields this form does not show (the hidden key, a
        step list that became empty), so a refused check-in always says why at the top."""
        shown = {"outcome", "date", "anxiety_before", "anxiety_after", "what_happened", "what_helped", "diary_entry"}
        if self.fields["step"].queryset.exists():
            shown.add("step")
        return [str(m) for name, errors in self.errors.items() if name not in shown for m in errors]

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > self.today:
            raise forms.ValidationError(_("A check-in cannot be dated in the future."))
        if day < EARLIEST_DATE:
            raise forms.ValidationError(EARLIEST_DATE_MESSAGE)
        return day


class GASRatingForm(forms.ModelForm):
    class Meta:
        model = GASRating
        fields = ["date", "level", "note"]
        widgets = {"date": _date_widget(), "level": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, goal: Goal, **kwargs):
        super().__init__(*args, **kwargs)
        self.goal = goal
        self.today = client_today(goal.client)
        self.fields["date"].initial = self.today
        self.fields["date"].widget.attrs.update(min=EARLIEST_DATE.isoformat(), max=self.today.isoformat())
        self.fields["level"].choices = [
            (level, (f"{level:+d}" if level else "0") + (f" — {text}" if text else ""))
            for level, text in goal.gas_levels
        ]
        self.fields["level"].error_messages["invalid_choice"] = _("A GAS level is between −2 and +2.")

    def clean_date(self):
        day = self.cleaned_data["date"]
        errors = rating_date_errors(self.goal, day)
        if errors:
            raise forms.ValidationError(errors)
        return day
