from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from audit.models import AuditAction


class AuditSearchForm(forms.Form):
    client = forms.TypedChoiceField(label=_("Client"), required=False, coerce=int, empty_value=None)
    actor = forms.TypedChoiceField(label=_("User"), required=False, coerce=int, empty_value=None)
    action = forms.ChoiceField(label=_("Action"), required=False)
    date_from = forms.DateField(
        label=pgettext_lazy("date range", "From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=pgettext_lazy("date range", "Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, clients=(), members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].choices = [("", _("Any client"))] + [(c.pk, c.display_name) for c in clients]
        self.fields["actor"].choices = [("", _("Anyone"))] + [(u.pk, f"{u} ({u.get_role_display()})") for u in members]
        self.fields["action"].choices = [("", _("Any action"))] + list(AuditAction.choices)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("The start date must be before the end date."))
        return data


class ErasureForm(forms.Form):
    confirmation = forms.CharField(
        label=_("Type the client's name to confirm"),
        max_length=150,
        help_text=_("This cannot be undone."),
    )
