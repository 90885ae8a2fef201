from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelationshipsConfig(AppConfig):
    name = "relationships"
    verbose_name = _("Couples and relationships")

    def ready(self) -> None:
        from clients.home import register_client_home_fact, register_client_home_section, register_client_record_section

        from . import sections, selectors

        # No menu links (the desktop menu is full): therapists reach a couple from either
        # partner's client page, clients from their home page.
        register_client_home_section(sections.home_section)
        for name in ("couple_open", "couple_waiting", "relationship_map"):
            register_client_home_fact(name, getattr(selectors, f"{name}_fact"))
        register_client_record_section(sections.record_section)
