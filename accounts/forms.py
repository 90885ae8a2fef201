from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from .models import Invitation, Language, Role, User
from .services import InvitationError, check_invitable


class UserSettingsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "language", "timezone"]


class InvitationForm(forms.ModelForm):
    """A practice admin invites a therapist or a client (who starts with a therapist)."""

    role = forms.ChoiceField(
        label=_("Role"), choices=[(Role.THERAPIST, Role.THERAPIST.label), (Role.CLIENT, Role.CLIENT.label)]
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices, initial=Language.NL)

    class Meta:
        model = Invitation
        fields = ["name", "email", "role", "language", "therapist"]
        labels = {"therapist": _("Therapist (for a client)")}
        help_texts = {"language": _("The invitation email and the pages are shown in this language.")}

    def __init__(self, *args, practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.practice = practice
        self.fields["therapist"].queryset = User.objects.filter(
            practice=practice, role=Role.THERAPIST, is_active=True
        ).order_by("name")
        self.fields["therapist"].required = False
        self.fields["therapist"].label_from_instance = lambda user: user.name or user.email

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        try:
            check_invitable(self.practice, email)
        except InvitationError as error:
            raise forms.ValidationError(str(error)) from None
        return email

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.CLIENT and not data.get("therapist"):
            self.add_error("therapist", _("Choose the therapist this client starts with."))
        return data


class AcceptInvitationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password (again)"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.fields["password1"].help_text = password_validation.password_validators_help_text_html()

    def clean(self):
        data = super().clean()
        password1, password2 = data.get("password1"), data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords do not match."))
        elif password1:
            # Validators compare the password with the future user's name and email.
            probe = User(email=self.invitation.email, name=data.get("name") or self.invitation.name)
            try:
                password_validation.validate_password(password1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
