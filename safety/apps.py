from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "safety"
    verbose_name = _("Safety net")

    def ready(self) -> None:
        from django.urls import reverse

        from accounts.navigation import register_nav_link
        from clients.home import register_client_home_section, register_client_record_section

        from . import receivers  # noqa: F401
        from .selectors import client_home_section, client_record_section

        register_client_home_section(client_home_section)
        register_client_record_section(client_record_section)
        register_nav_link("therapist", lambda request: {"url": reverse("safety:alerts"), "label": _("Alerts")})
        register_nav_link("admin", lambda request: {"url": reverse("safety:practice"), "label": _("Safety net")})
