from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"

    def ready(self) -> None:
        from django.conf import settings
        from django.db.models.signals import post_save

        from accounts.navigation import register_nav_link
        from clients.home import (
            register_client_page_fact,
            register_client_record_section,
            register_client_welcome_section,
            register_session_prep_section,
        )
        from safety.signals import alert_created

        # unconfirmed and session_eve register their kinds (the admin's digest, the evening before a session).
        from . import navigation, receivers, sections, selectors, session_eve, unconfirmed  # noqa: F401

        post_save.connect(
            receivers.create_default_preferences, sender=settings.AUTH_USER_MODEL, dispatch_uid="reminders"
        )
        for role in ("client", "therapist"):
            register_nav_link(role, navigation.notifications_link)
        register_nav_link("admin", navigation.unconfirmed_link)
        register_client_page_fact("unread_notifications", selectors.unread_count_fact)
        register_client_record_section(sections.record_section)
        register_session_prep_section(sections.session_prep_section)
        register_client_welcome_section(sections.welcome_section)
        alert_created.connect(receivers.on_alert_created, dispatch_uid="reminders_safety_alert")
