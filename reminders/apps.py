from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"

    def ready(self) -> None:
        from django.conf import settings
        from django.db.models.signals import post_save

        from accounts.navigation import register_nav_link
        from clients.home import register_client_record_section, register_session_prep_section
        from safety.signals import alert_created

        from . import alerts, hooks

        post_save.connect(hooks.create_default_preferences, sender=settings.AUTH_USER_MODEL, dispatch_uid="reminders")
        for role in ("client", "therapist"):
            register_nav_link(role, hooks.notifications_link)
        register_client_record_section(hooks.record_section)
        register_session_prep_section(hooks.session_prep_section)
        alert_created.connect(alerts.on_alert_created, dispatch_uid="reminders_safety_alert")
