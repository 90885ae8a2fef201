from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import reflection_words
from .models import EVENT_KINDS, Kind, ReminderPreference, Tone

DAY_CHOICES = [
    ("1", _("Monday")),
    ("2", _("Tuesday")),
    ("3", _("Wednesday")),
    ("4", _("Thursday")),
    ("5", _("Friday")),
    ("6", _("Saturday")),
    ("7", _("Sunday")),
]


class PreferenceForm(forms.ModelForm):
    days = forms.MultipleChoiceField(
        label=_("On these days"), choices=DAY_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = ReminderPreference
        fields = ["enabled", "local_time", "days", "quiet_start", "quiet_end", "channel", "push", "tone"]
        widgets = {
            "local_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "quiet_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "quiet_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        labels = {"enabled": _("Send me this reminder")}
        help_texts = {
            "local_time": _("In your own timezone."),
            "quiet_end": _("A reminder that falls in your quiet hours is held until they end."),
            "push": _("Only on devices where you turned notifications on (Settings, Notifications on your devices)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["days"] = list(self.instance.days or "")
        if self.instance.kind in EVENT_KINDS:
            # Sent when the event happens: a time of day and days of the week mean nothing here.
            del self.fields["local_time"]
            del self.fields["days"]
        if self.instance.kind == Kind.WEEKLY_REFLECTION:
            self._weekly_fields()
        else:
            del self.fields["tone"]

    def _weekly_fields(self):
        """Weekly: one day of the week, and the wording picked from examples in the reader's language."""
        self.fields["days"] = forms.ChoiceField(
            label=_("On this day"), choices=DAY_CHOICES, widget=forms.RadioSelect, required=False
        )
        self.initial["days"] = (self.instance.days or "")[:1]
        self.fields["tone"].widget = forms.RadioSelect()
        self.fields["tone"].required = False  # left out: the wording stays as it was
        self.fields["tone"].choices = [(tone.value, f"{tone.label}: “{reflection_words(tone)[1]}”") for tone in Tone]

    def clean_local_time(self):
        value = self.cleaned_data["local_time"]
        # Reminders are scheduled per minute; seconds would make a time that never matches.
        return value.replace(second=0, microsecond=0) if value else value

    def clean_quiet_start(self):
        value = self.cleaned_data.get("quiet_start")
        return value.replace(second=0, microsecond=0) if value else value

    def clean_quiet_end(self):
        value = self.cleaned_data.get("quiet_end")
        return value.replace(second=0, microsecond=0) if value else value

    def clean_tone(self):
        return self.cleaned_data.get("tone") or self.instance.tone or Tone.GENTLE

    def clean_days(self):
        return "".join(sorted(set(self.cleaned_data["days"])))

    def clean(self):
        data = super().clean()
        start, end = data.get("quiet_start"), data.get("quiet_end")
        if (start is None) != (end is None):
            raise forms.ValidationError(_("Fill in both the start and the end of your quiet hours, or neither."))
        if data.get("enabled") and "days" in self.fields and not data.get("days"):
            self.add_error("days", _("Pick at least one day, or switch this reminder off."))
        return data
