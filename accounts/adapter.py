from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Accounts only come from a practice admin's invitation.
        return False

    def get_login_redirect_url(self, request) -> str:
        return reverse("home")
