from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from .forms import UserSettingsForm
from .models import Role, User


def user_settings(request):
    form = UserSettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        translation.activate(request.user.language)
        messages.success(request, _("Your settings are saved."))
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})


def people(request):
    """Practice admin: the therapists and clients of the practice."""
    if request.user.role != Role.ADMIN:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    members = User.objects.filter(practice_id=request.user.practice_id).order_by("role", "name")
    return render(request, "accounts/people.html", {"members": members})
