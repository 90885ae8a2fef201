from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils.translation import pgettext

        from accounts.navigation import register_nav_link

        from . import signals  # noqa: F401  (connects the login/logout receivers)

        def sessions_link(request):
            return {"url": reverse("audit:sessions"), "label": pgettext("logged-in devices", "Sessions")}

        for role in ("client", "therapist", "admin"):
            register_nav_link(role, sessions_link)
