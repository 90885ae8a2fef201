from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Mode

MINUTES = [(30, "30"), (45, "45"), (50, "50"), (60, "60"), (75, "75"), (90, "90"), (120, "120")]
REPEAT = [
    (0, pgettext_lazy("session repeat", "Once")),
    (1, _("Every week")),
    (2, _("Every two weeks")),
]
# A plan further ahead than this is a typo (year 2062), not a plan.
HORIZON = dt.timedelta(days=2 * 366)


class _When(forms.Form):
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    at = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    minutes = forms.TypedChoiceField(label=_("Length (minutes)"), choices=MINUTES, coerce=int, initial=50)
    mode = forms.ChoiceField(label=_("Where"), choices=Mode.choices, initial=Mode.IN_PERSON, widget=forms.RadioSelect)
    link = forms.URLField(
        label=_("Online link"),
        required=False,
        max_length=300,
        assume_scheme="https",
        help_text=_("Only for online sessions: the address the client opens to join."),
        # The page shows the field only while "online" is chosen (static/js/securebase.js).
        widget=forms.URLInput(attrs={"data-shown-with": "mode=online"}),
    )

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day < self.today:
            raise forms.ValidationError(_("A planned session cannot be in the past."))
        if day > self.today + HORIZON:
            raise forms.ValidationError(_("Plan at most two years ahead."))
        return day

    def clean(self):
        data = super().clean()
        if data.get("mode") == Mode.ONLINE and not data.get("link"):
            self.add_error("link", _("An online session needs the link the client will use."))
        elif data.get("mode") == Mode.IN_PERSON:
            # A link typed before switching to "in person" would still be shown to the client.
            data["link"] = ""
        return data


class PlanForm(_When):
    repeat_weeks = forms.TypedChoiceField(
        label=_("Repeat"), choices=REPEAT, coerce=int, initial=0, widget=forms.RadioSelect
    )
    until = forms.DateField(
        label=_("Repeat until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        data = super().clean()
        day, until = data.get("day"), data.get("until")
        if data.get("repeat_weeks"):
            if until is None:
                self.add_error("until", _("A series needs an end date."))
            elif day and until < day:
                self.add_error("until", _("The end date lies before the first session."))
            elif until > self.today + HORIZON:
                self.add_error("until", _("Plan at most two years ahead."))
        return data


class MoveForm(_When):
    scope = forms.ChoiceField(
        label=_("Which sessions"),
        choices=[("one", _("Only this session")), ("following", _("This and the later sessions of the series"))],
        initial="one",
        widget=forms.RadioSelect,
    )


class CancelForm(forms.Form):
    scope = forms.ChoiceField(
        choices=[("one", _("Only this session")), ("following", _("This and the later sessions of the series"))],
        initial="one",
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Session note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Only you read this note. Every time it is opened, the audit trail records it."),
    )


class MilestoneForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    text = forms.CharField(label=_("Milestone"), max_length=80, help_text=_("A few words; shown on the chart."))

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day > self.today:
            raise forms.ValidationError(_("A milestone is something that happened: today or earlier."))
        if day.year < 2000:
            raise forms.ValidationError(_("Choose a date from 2000 on."))
        return day


class PracticeSettingsForm(forms.Form):
    notes_follow_client = forms.BooleanField(
        label=_("A therapist who takes over a client reads the earlier therapists' session notes"), required=False
    )
