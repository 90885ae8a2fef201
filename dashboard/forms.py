from django import forms
from django.utils.translation import gettext_lazy as _

from . import selectors

FLAG_CHOICES = [
    ("", _("All clients")),
    ("any", _("Needs attention (any flag)")),
    (selectors.FLAG_ALERT, _("Open safety-net alert")),
    (selectors.FLAG_DETERIORATION, _("Reliable deterioration")),
    (selectors.FLAG_OVERDUE, _("Questionnaire overdue > 14 days")),
    (selectors.FLAG_NO_DIARY, _("No shared diary entry for 10 days")),
    (selectors.FLAG_LOW_SAFETY, _("Shared entry with felt safety 0–2")),
]
CORNER_CHOICES = [
    ("", _("Any corner")),
    ("secure", _("Secure")),
    ("anxious", _("Anxious / preoccupied")),
    ("avoidant", _("Avoidant / dismissing")),
    ("fearful", _("Fearful / disorganised")),
]
SORT_CHOICES = [("", "")] + [(c, c) for c in selectors.SORT_COLUMNS] + [(f"-{c}", c) for c in selectors.SORT_COLUMNS]
WEEK_CHOICES = [(8, "8"), (16, "16"), (26, "26"), (52, "52")]


class CaseloadForm(forms.Form):
    """GET parameters of the caseload page; anything unknown falls back to the default."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    flag = forms.ChoiceField(label=_("Show"), required=False, choices=FLAG_CHOICES)
    corner = forms.ChoiceField(label=_("Corner"), required=False, choices=CORNER_CHOICES)
    sort = forms.ChoiceField(required=False, choices=SORT_CHOICES, widget=forms.HiddenInput)


class WeeksForm(forms.Form):
    weeks = forms.TypedChoiceField(label=_("Weeks shown"), required=False, coerce=int, choices=WEEK_CHOICES)
