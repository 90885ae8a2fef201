import datetime as dt
import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from learn import selectors as learn_selectors

from .limits import EARLIEST_DATE, EARLIEST_DATE_MESSAGE, NOTE_MAX_LENGTH, SENTENCE_MAX_LENGTH, STORY_MAX_LENGTH
from .models import Emotion, PatternTag, Reaction, WithWhom
from .services import ENTRY_FIELDS

# Phones and server clocks drift; a few minutes "ahead" is still "now".
FUTURE_TOLERANCE = dt.timedelta(minutes=5)
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"

INTENSITY_ERRORS = {
    "required": _("Say how strong the feeling was (0–10)."),
    "invalid": _("Intensity must be a whole number from 0 to 10."),
    "min_value": _("Intensity must be a whole number from 0 to 10."),
    "max_value": _("Intensity must be a whole number from 0 to 10."),
}
SAFETY_ERRORS = {
    "invalid": _("Felt safety must be a whole number from 0 to 10."),
    "min_value": _("Felt safety must be a whole number from 0 to 10."),
    "max_value": _("Felt safety must be a whole number from 0 to 10."),
}


def now_local_input() -> str:
    return timezone.localtime().strftime(DATETIME_LOCAL)


class RangeInput(forms.NumberInput):
    input_type = "range"


class EntryFieldsForm(forms.Form):
    """The optional fields every entry form shares; the emotion part differs per form."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    occurred_at = forms.DateTimeField(
        label=_("When did it happen?"),
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        error_messages={
            "required": _("Say when it happened."),
            "invalid": _("Enter a date and time, for example 2026-03-01 18:30."),
        },
    )
    with_whom = forms.ChoiceField(
        label=_("With whom?"),
        required=False,
        choices=[("", _("— not said —"))] + list(WithWhom.choices),
        error_messages={"invalid_choice": _("Choose one of the people in the list.")},
    )
    what_happened = forms.CharField(
        label=_("What happened?"), required=False, max_length=STORY_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )
    body_signals = forms.CharField(
        label=_("What did I notice in my body?"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    i_feel = forms.CharField(label=_("I feel …"), required=False, max_length=SENTENCE_MAX_LENGTH)
    when = forms.CharField(label=_("when …"), required=False, max_length=SENTENCE_MAX_LENGTH)
    because = forms.CharField(label=_("because …"), required=False, max_length=SENTENCE_MAX_LENGTH)
    i_need = forms.CharField(label=_("I need …"), required=False, max_length=SENTENCE_MAX_LENGTH)
    reactions = forms.MultipleChoiceField(
        label=_("What did I do?"),
        required=False,
        choices=Reaction.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose reactions from the list.")},
    )
    pattern_tags = forms.ModelMultipleChoiceField(
        label=_("Link to my pattern"),
        required=False,
        queryset=PatternTag.objects.filter(active=True),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose pattern links from the list.")},
    )
    pattern_note = forms.CharField(
        label=_("My pattern, in my own words"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    felt_safety = forms.IntegerField(
        label=_("How safe did I feel? (0 = not at all, 10 = completely)"),
        required=False,
        min_value=0,
        max_value=10,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 10}),
        error_messages=SAFETY_ERRORS,
    )
    shared = forms.BooleanField(label=_("Share this entry with my therapist"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pattern_tags"].label_from_instance = lambda tag: tag.label
        if not self.is_bound and not self.initial.get("idempotency_key"):
            self.initial["idempotency_key"] = uuid.uuid4()
        self.initial.setdefault("occurred_at", now_local_input())

    def clean_occurred_at(self):
        when = self.cleaned_data["occurred_at"]
        if when > timezone.now() + FUTURE_TOLERANCE:
            raise forms.ValidationError(_("This time is in the future. Choose a moment up to now."))
        if when.date() < EARLIEST_DATE:
            raise forms.ValidationError(EARLIEST_DATE_MESSAGE)
        return when

    def emotions(self) -> list[tuple[str, int]]:
        raise NotImplementedError

    def entry_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in self.ENTRY_FIELD_NAMES if name in self.fields}
        if "with_whom" in fields:
            fields["with_whom"] = fields["with_whom"] or ""
        return fields

    # The same list the service accepts, so a field added to one is not forgotten in the other.
    ENTRY_FIELD_NAMES = ENTRY_FIELDS


# The chips come in two groups so the hard feelings this diary is for are found first.
PLEASANT_EMOTIONS = (Emotion.RELIEVED, Emotion.CALM, Emotion.HAPPY, Emotion.LOVED, Emotion.SAFE, Emotion.CLOSE)
EMOTION_GROUPS = (
    ("hard", _("Hard feelings"), [e.value for e in Emotion if e not in PLEASANT_EMOTIONS]),
    ("pleasant", _("Pleasant feelings"), [e.value for e in PLEASANT_EMOTIONS]),
)


def intensity_field(label) -> forms.IntegerField:
    """The 0–10 slider of one feeling; the quick and the full form show the same one."""
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=10,
        initial=5,
        widget=RangeInput(attrs={"min": 0, "max": 10, "step": 1, "class": "form-range"}),
        error_messages=INTENSITY_ERRORS,
    )


class EmotionChipsMixin:
    """Feeling chips grouped hard / pleasant, each with its own slider where the form has one per feeling."""

    def emotion_groups(self) -> list[dict]:
        chips = {chip.data["value"]: chip for chip in self["emotion"]}
        return [
            {
                "key": key,
                "label": label,
                "items": [{"chip": chips[code], "intensity": self.intensity_of(code)} for code in codes],
            }
            for key, label, codes in EMOTION_GROUPS
        ]

    def intensity_of(self, code: str):
        return None


class QuickEntryForm(EmotionChipsMixin, EntryFieldsForm):
    """Under 30 seconds on a phone: one emotion and its intensity; everything else optional."""

    emotion = forms.ChoiceField(
        label=_("How do you feel?"),
        choices=Emotion.choices,
        widget=forms.RadioSelect(attrs={"class": "btn-check"}),
        error_messages={
            "required": _("Choose the feeling that fits best."),
            "invalid_choice": _("Choose a feeling from the list."),
        },
    )
    intensity = intensity_field(_("How strong? (0–10)"))

    field_order = ["emotion", "intensity", "occurred_at", "with_whom", "what_happened", "felt_safety", "shared"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The quick form shows only a few details; the rest can be added when editing.
        for name in (
            "body_signals",
            "i_feel",
            "when",
            "because",
            "i_need",
            "reactions",
            "pattern_tags",
            "pattern_note",
        ):
            del self.fields[name]

    def emotions(self) -> list[tuple[str, int]]:
        return [(self.cleaned_data["emotion"], self.cleaned_data["intensity"])]


class EntryForm(EmotionChipsMixin, EntryFieldsForm):
    """The full entry (new or edit): any number of emotions, each with an intensity.

    A feeling counts when its chip (a checkbox) is ticked; its slider then gives the intensity.
    Every slider is posted, so the sliders of feelings not ticked are ignored, bad values included.
    """

    emotion = forms.MultipleChoiceField(
        label=_("Feelings and how strong they were (0–10)"),
        required=False,
        choices=Emotion.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "btn-check"}),
        error_messages={"invalid_choice": _("Choose a feeling from the list.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in Emotion.values:
            # Same label as the quick form's slider; the template names the feeling for screen readers.
            field = intensity_field(_("How strong? (0–10)"))
            field.required = False
            self.fields[f"intensity_{code}"] = field

    def intensity_of(self, code: str):
        return self[f"intensity_{code}"]

    def chosen(self) -> list[str]:
        picked = set(self.cleaned_data.get("emotion") or ())
        return [code for code in Emotion.values if code in picked]

    def clean(self):
        data = super().clean()
        chosen = self.chosen()
        for code in Emotion.values:
            name = f"intensity_{code}"
            if code not in chosen:
                self.errors.pop(name, None)
                data.pop(name, None)
            elif data.get(name) is None and name not in self.errors:
                self.add_error(name, INTENSITY_ERRORS["required"])
        if not chosen and "emotion" not in self.errors:
            self.add_error(
                "emotion",
                forms.ValidationError(
                    _("Choose at least one feeling and give it an intensity from 0 to 10."), code="no_emotion"
                ),
            )
        return data

    def emotions(self) -> list[tuple[str, int]]:
        return [(code, self.cleaned_data[f"intensity_{code}"]) for code in self.chosen()]

    @classmethod
    def initial_for(cls, entry) -> dict:
        initial = {name: getattr(entry, name) for name in cls.ENTRY_FIELD_NAMES}
        initial["occurred_at"] = timezone.localtime(entry.occurred_at).strftime(DATETIME_LOCAL)
        initial["pattern_tags"] = [tag.slug for tag in entry.pattern_tags.all()]
        initial["shared"] = entry.shared
        initial["emotion"] = []
        for emotion in entry.emotions.all():
            initial["emotion"].append(emotion.emotion)
            initial[f"intensity_{emotion.emotion}"] = emotion.intensity
        return initial


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write a comment first.")},
    )
    card_slug = forms.ChoiceField(label=_("Recommend a Learn card (optional)"), required=False)

    def __init__(self, *args, practice_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        language = (get_language() or "en")[:2]
        self.fields["card_slug"].choices = [("", "—"), *learn_selectors.card_choices(practice_id, language)]


class EntryFilterForm(forms.Form):
    emotion = forms.ChoiceField(label=_("Feeling"), required=False, choices=[("", _("All"))] + list(Emotion.choices))
    with_whom = forms.ChoiceField(
        label=_("With whom"), required=False, choices=[("", _("Anyone"))] + list(WithWhom.choices)
    )
    tag = forms.ChoiceField(label=_("Pattern"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tag"].choices = [("", _("All"))] + [
            (t.slug, t.label) for t in PatternTag.objects.filter(active=True)
        ]
        for name in ("emotion", "with_whom", "tag"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"


class SharingSettingsForm(forms.Form):
    share_new_entries = forms.BooleanField(label=_("Share new entries with my therapist by default"), required=False)


class ShareFromForm(forms.Form):
    share_from = forms.DateField(
        label=_("Share all entries from this date on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Choose a date."),
            "invalid": _("Enter a date, for example 2026-03-01."),
        },
    )

    def clean_share_from(self):
        day = self.cleaned_data["share_from"]
        if day < EARLIEST_DATE:
            raise forms.ValidationError(EARLIEST_DATE_MESSAGE)
        return day


class StopShareFromForm(forms.Form):
    unshare_entries = forms.BooleanField(label=_("Also make the entries shared this way private again"), required=False)
