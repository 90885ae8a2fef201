from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "safety"
    verbose_name = _("Safety net")

    def ready(self) -> None:
        from accounts.navigation import register_nav_link
        from clients.home import (
            register_client_home_section,
            register_client_page_fact,
            register_client_record_section,
            register_client_write_fact,
        )

        from . import (
            navigation,
            receivers,  # noqa: F401
            sections,
            services,
        )

        register_client_home_section(sections.client_home_section)
        register_client_page_fact("crisis_prompt_pending", services.prompt_pending_fact)
        register_client_record_section(sections.client_record_section)
        # A new diary entry is checked against these thresholds (receivers.on_entry_saved).
        register_client_write_fact("safety_client", services.client_settings_fact)
        register_client_write_fact("safety_practice", services.practice_settings_fact)
        register_nav_link("therapist", navigation.alerts_link)
        register_nav_link("admin", navigation.practice_link)
