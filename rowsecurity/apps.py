from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RowSecurityConfig(AppConfig):
    name = "rowsecurity"
    verbose_name = "Row-level security"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .policies import after_migrate
        from .scope import switch_to_practice

        post_migrate.connect(after_migrate, dispatch_uid="rowsecurity_policies")

        # Listed before the other apps in INSTALLED_APPS, so this runs before their login
        # receivers (the audit trail, pending crisis prompts), which already need the practice.
        def _logged_in(sender, request, user, **kwargs):
            switch_to_practice(getattr(user, "practice_id", None))

        user_logged_in.connect(_logged_in, dispatch_uid="rowsecurity_login", weak=False)
