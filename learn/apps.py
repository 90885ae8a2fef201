from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearnConfig(AppConfig):
    name = "learn"
    verbose_name = _("Learn")

    def ready(self) -> None:
        from accounts.navigation import register_nav_link
        from clients.home import register_client_record_section

        from . import loader, navigation, sections

        # A broken card file stops start-up, like a broken instrument file.
        loader.builtin_cards()
        register_client_record_section(sections.record_section)
        register_nav_link("client", navigation.nav_link)
        register_nav_link("therapist", navigation.nav_link)
        register_nav_link("admin", navigation.admin_nav_link)
