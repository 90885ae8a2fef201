from html import escape

from django import forms
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from .models import Client, ClientStatus, TherapySession


class TherapySessionForm(forms.ModelForm):
    class Meta:
        model = TherapySession
        # Notes belong to the session note (treating therapist only, every read audited), not here.
        fields = ["held_on"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"})}

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("A session date cannot be in the future."))
        return held_on


class PracticeClientFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + list(ClientStatus.choices))
    therapist = forms.ChoiceField(label=_("Therapist"), required=False)

    def __init__(self, *args, therapists, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["therapist"].choices = [("", _("All therapists"))] + [(str(pk), label) for pk, label in therapists]

    def therapist_options(self) -> SafeString:
        """The therapist select's options, the chosen one marked. Written here, not by a template
        loop: a practice of two hundred therapists made the loop most of the client list's CPU.
        Escaped as the template would (html.escape quotes as Django's escape does)."""
        chosen = self["therapist"].value()
        marks = {True: " selected", False: ""}
        return SafeString(
            "".join(
                f'<option value="{escape(str(value))}"{marks[chosen == value]}>{escape(str(label))}</option>'
                for value, label in self.fields["therapist"].choices
            )
        )


class ClientRecordForm(forms.ModelForm):
    """What a practice admin keeps up to date; clinical switches belong to the therapist."""

    class Meta:
        model = Client
        fields = ["display_name", "date_of_birth", "status", "start_date"]
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean_date_of_birth(self):
        born = self.cleaned_data.get("date_of_birth")
        if born and born > timezone.localdate():
            raise forms.ValidationError(_("A date of birth cannot be in the future."))
        return born


class AssignTherapistForm(forms.Form):
    therapist = forms.ModelChoiceField(label=_("Therapist"), queryset=None)

    def __init__(self, *args, therapists, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["therapist"].queryset = therapists
        self.fields["therapist"].label_from_instance = lambda user: user.name or user.email
