from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

PRODUCT_NAME = "securebase"


@dataclass(frozen=True)
class EmailSite:
    """What allauth's email templates read as `current_site`; without django.contrib.sites
    allauth would name the request's host ("Hello from 127.0.0.1")."""

    name: str
    domain: str


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

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Emails go out in the recipient's language (a reset may be asked for from any
        # browser) and say who sends them: securebase, on behalf of the practice.
        user = context.get("user") or get_user_model().objects.filter(email__iexact=email).first()
        language = getattr(user, "language", "") or translation.get_language()
        practice = getattr(user, "practice", None)
        context = {
            "current_site": EmailSite(PRODUCT_NAME, urlsplit(settings.SITE_URL).netloc),
            "product_name": PRODUCT_NAME,
            "practice_name": practice.name if practice else "",
            **context,
        }
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
