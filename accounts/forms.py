from django import forms

from .models import User


class UserSettingsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "language", "timezone"]
