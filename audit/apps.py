from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        # The devices page ("log out everywhere") is linked from each person's settings page,
        # not the menu: the menu is for the work, and the admin's is full.
        from . import receivers  # noqa: F401  (connects the login/logout receivers)
