from django import forms
from django.utils.translation import gettext_lazy as _

from diary.models import Emotion

from .models import AlertStatus, ClientSafetySettings, CrisisInfo, PracticeSafetySettings, SafetyPlan

ZERO_TO_TEN = {"min_value": 0, "max_value": 10}


class CrisisInfoForm(forms.ModelForm):
    class Meta:
        model = CrisisInfo
        fields = [
            "phone_lines_en", "phone_lines_nl", "text_lines_en", "text_lines_nl",
            "opening_hours_en", "opening_hours_nl", "out_of_hours_en", "out_of_hours_nl",
        ]  # fmt: skip
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}
        help_texts = {
            name: _("One per line, with what it is: each number becomes a call button on the client's phone.")
            for name in ("phone_lines_en", "phone_lines_nl")
        } | {
            name: _("One per line: a web address in the line (www.113.nl or https://…) becomes a link.")
            for name in ("text_lines_en", "text_lines_nl")
        }


class PracticeSafetySettingsForm(forms.ModelForm):
    alarming_emotions = forms.MultipleChoiceField(
        label=_("Emotions that count as alarming"),
        choices=Emotion.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = PracticeSafetySettings
        fields = [
            "low_safety_max", "alarming_intensity_min", "alarming_emotions", "alert_on_deterioration",
            "overdue_days", "silence_days", "daily_writer_min_entries", "escalate_after_hours",
        ]  # fmt: skip

    def clean(self):
        data = super().clean()
        for name in ("low_safety_max", "alarming_intensity_min"):
            value = data.get(name)
            if value is not None and not 0 <= value <= 10:
                self.add_error(name, _("Use a number from 0 to 10."))
        for name in ("overdue_days", "silence_days", "escalate_after_hours"):
            value = data.get(name)
            if value is not None and value < 1:
                self.add_error(name, _("Use a number of at least 1."))
        return data


class ClientSafetySettingsForm(forms.ModelForm):
    class Meta:
        model = ClientSafetySettings
        fields = ["alerts_enabled", "low_safety_max", "alarming_intensity_min", "silence_days"]
        help_texts = {
            "low_safety_max": _("Leave empty to use the practice setting."),
            "alarming_intensity_min": _("Leave empty to use the practice setting."),
            "silence_days": _("Leave empty to use the practice setting."),
        }

    def clean(self):
        data = super().clean()
        for name in ("low_safety_max", "alarming_intensity_min"):
            value = data.get(name)
            if value is not None and not 0 <= value <= 10:
                self.add_error(name, _("Use a number from 0 to 10."))
        if data.get("silence_days") == 0:
            self.add_error("silence_days", _("Use a number of at least 1."))
        return data


class ClientOptInForm(forms.ModelForm):
    class Meta:
        model = ClientSafetySettings
        fields = ["tell_therapist_private_distress"]


class SafetyPlanForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = SafetyPlan
        fields = [
            "warning_signs", "coping_steps", "people_and_places", "people_to_ask", "professionals",
            "safe_environment", "reasons_to_live",
        ]  # fmt: skip
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ["warning_signs", "coping_steps", "people_and_places", "people_to_ask", "professionals",
                         "safe_environment", "reasons_to_live"]
        }  # fmt: skip


class AcknowledgeForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Mark as"), choices=[(AlertStatus.SEEN, _("Seen")), (AlertStatus.ACTED, _("Acted on"))]
    )
    note = forms.CharField(label=_("Short note"), max_length=500, required=False)
