from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearnConfig(AppConfig):
    name = "learn"
    verbose_name = _("Learn")

    def ready(self) -> None:
        from clients.home import register_client_home_fact, register_client_home_section, register_client_record_section

        from . import loader, sections, selectors

        # A broken card file stops start-up, like a broken instrument file.
        loader.builtin_cards()
        # No menu links: the desktop menu is full. Clients find Learn on their home page and
        # next to the questions it answers; therapists on the client page; admins on People.
        register_client_home_section(sections.home_section)
        register_client_home_fact("learn_own_cards", selectors.own_cards_fact)
        register_client_home_fact("learn_chosen", selectors.chosen_fact)
        register_client_record_section(sections.record_section)
