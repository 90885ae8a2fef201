from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    name = "goals"
    verbose_name = _("Goals")

    def ready(self) -> None:
        from accounts.navigation import register_nav_link
        from clients.home import register_client_home_fact, register_client_home_section, register_client_record_section

        from . import navigation, sections, selectors

        register_client_home_section(sections.home_section)
        register_client_home_fact("goals_due", selectors.due_this_week_fact)
        register_client_record_section(sections.record_section)
        register_nav_link("client", navigation.client_nav_link)
