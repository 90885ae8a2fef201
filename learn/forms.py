from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .loader import builtin_slugs
from .models import PracticeCard


class PracticeCardForm(forms.ModelForm):
    class Meta:
        model = PracticeCard
        fields = ["title_en", "title_nl", "body_en", "body_nl", "sources", "slug", "order"]
        widgets = {
            "body_en": forms.Textarea(attrs={"rows": 5}),
            "body_nl": forms.Textarea(attrs={"rows": 5}),
            "sources": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "slug": _("Lower-case letters, digits and hyphens, e.g. our-group-sessions."),
            "order": _("Cards are shown from low to high; the built-in cards use 10 to 200."),
        }

    def __init__(self, *args, practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.practice = practice

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in builtin_slugs():
            raise forms.ValidationError(_("A built-in card already uses this name. Choose another."))
        taken = PracticeCard.objects.filter(practice=self.practice, slug=slug).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another card of your practice already uses this name."))
        return slug

    def clean_sources(self):
        sources = self.cleaned_data["sources"]
        if not any(line.strip() for line in sources.splitlines()):
            raise forms.ValidationError(_("Name at least one source."))
        return sources


POSITIONS = (
    pgettext_lazy("card order", "First"),
    pgettext_lazy("card order", "Second"),
    pgettext_lazy("card order", "Third"),
)


class FirstCardsForm(forms.Form):
    """Up to three cards the client sees first, in this order."""

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        options = [("", "—"), *choices]
        for i, label in enumerate(POSITIONS):
            self.fields[f"card_{i}"] = forms.ChoiceField(label=label, choices=options, required=False)
            self.fields[f"card_{i}"].widget.attrs["class"] = "form-select form-select-sm"

    def slugs(self) -> list[str]:
        return [self.cleaned_data[f"card_{i}"] for i in range(len(POSITIONS))]

    @staticmethod
    def initial_for(slugs: list[str]) -> dict:
        return {f"card_{i}": slug for i, slug in enumerate(slugs[: len(POSITIONS)])}
