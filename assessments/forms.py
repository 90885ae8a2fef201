from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .loader import all_instruments, get_instrument


def _instrument_choices():
    lang = get_language() or "en"
    return [(i.slug, i.name(lang)) for i in all_instruments()]


def _target_choices():
    lang = get_language() or "en"
    choices = []
    for spec in all_instruments():
        choices += [(t.slug, t.label(lang)) for t in spec.targets]
    return choices


class ScheduleForm(forms.Form):
    instrument = forms.ChoiceField(label=_("Questionnaire"))
    targets = forms.MultipleChoiceField(
        label=_("Relationships (ECR-RS only)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The ECR-RS is filled in once for each relationship chosen."),
    )
    start_date = forms.DateField(
        label=_("First date"), widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )
    interval_weeks = forms.IntegerField(
        label=_("Repeat every N weeks"),
        required=False,
        min_value=1,
        max_value=52,
        help_text=_("Leave empty to ask once."),
    )
    end_date = forms.DateField(
        label=_("Until (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sessions_every = forms.IntegerField(
        label=_("Or: before every Nth planned session"),
        required=False,
        min_value=1,
        max_value=12,
        help_text=_("1 = before every session, 2 = every second session … Counted from the first date."),
    )
    open_days_before = forms.IntegerField(
        label=_("Opens this many days before the session"), required=False, min_value=0, max_value=14, initial=2
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].choices = _instrument_choices()
        self.fields["targets"].choices = _target_choices()

    def clean(self):
        data = super().clean()
        slug = data.get("instrument")
        if slug:
            spec = get_instrument(slug)
            targets = data.get("targets") or []
            if spec.per_target and not targets:
                self.add_error("targets", _("Choose at least one relationship for the ECR-RS."))
            if not spec.per_target and targets:
                self.add_error("targets", _("This questionnaire is not asked per relationship; leave these empty."))
            known = {t.slug for t in spec.targets}
            if spec.per_target and any(t not in known for t in targets):
                self.add_error("targets", _("Unknown relationship."))
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date lies before the first date."))
        if data.get("sessions_every") and data.get("interval_weeks"):
            self.add_error("sessions_every", _("Choose either every N weeks or before every Nth session."))
        if end and not data.get("interval_weeks") and not data.get("sessions_every"):
            self.add_error("end_date", _("An end date only makes sense for a repeating schedule."))
        return data


class ReliabilityForm(forms.Form):
    anxiety_sd = forms.DecimalField(
        label=_("Anxiety: SD"), min_value=Decimal("0.01"), max_value=Decimal("6"), decimal_places=3
    )
    anxiety_r = forms.DecimalField(
        label=_("Anxiety: reliability r"), min_value=Decimal("0"), max_value=Decimal("0.999"), decimal_places=3
    )
    avoidance_sd = forms.DecimalField(
        label=_("Avoidance: SD"), min_value=Decimal("0.01"), max_value=Decimal("6"), decimal_places=3
    )
    avoidance_r = forms.DecimalField(
        label=_("Avoidance: reliability r"), min_value=Decimal("0"), max_value=Decimal("0.999"), decimal_places=3
    )
    source = forms.CharField(
        label=_("Source of these figures"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Therapists see this next to every reliable-change label. Cite the sample the figures come from."),
    )
