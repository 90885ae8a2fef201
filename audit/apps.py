from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from accounts.navigation import register_nav_link

        from . import receivers  # noqa: F401  (connects the login/logout receivers)
        from .navigation import sessions_link

        for role in ("client", "therapist", "admin"):
            register_nav_link(role, sessions_link)
