from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ClientStatus, TherapySession


class CaseloadFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + list(ClientStatus.choices))


class TherapySessionForm(forms.ModelForm):
    class Meta:
        model = TherapySession
        fields = ["held_on", "note"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"})}

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("A session date cannot be in the future."))
        return held_on
