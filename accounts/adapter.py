from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Accounts only come from a practice admin's invitation.
        return False

    def get_login_redirect_url(self, request) -> str:
        return reverse("home")

    def login(self, request, user) -> None:
        super().login(request, user)
        # The request started anonymous (browser language); from here on, including the
        # "signed in" message added right after this, speak the user's own language.
        if getattr(user, "language", ""):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
