from django import forms
from django.utils.translation import gettext_lazy as _

from . import selectors
from .templatetags.dashboard_tags import flag_label


def flag_choices() -> list[tuple[str, str]]:
    # The same words as the flags themselves (flag_label builds them from the thresholds).
    return [("", _("All clients")), ("any", _("Needs attention (any flag)"))] + [
        (flag, flag_label(flag)) for flag in selectors.FLAGS
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
    flag = forms.ChoiceField(label=_("Show"), required=False, choices=flag_choices)
    corner = forms.ChoiceField(label=_("Corner"), required=False, choices=CORNER_CHOICES)
    sort = forms.ChoiceField(required=False, choices=SORT_CHOICES, widget=forms.HiddenInput)


class WeeksForm(forms.Form):
    weeks = forms.TypedChoiceField(label=_("Weeks shown"), required=False, coerce=int, choices=WEEK_CHOICES)
