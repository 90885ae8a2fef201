from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """Export and erasure of a client's data, and the audit pages.

    A separate app from `audit` because of the import arrows: export and erasure reach into
    every domain app (through their `<app>/export.py`), and the audit pages list clients, so
    they sit at the top beside reminders and dashboard; the audit trail itself sits just above
    accounts so that clients.access can write to it.
    """

    name = "records"

    def ready(self) -> None:
        from accounts.navigation import register_nav_link
        from clients.home import register_client_record_section

        from . import navigation, sections

        register_nav_link("client", navigation.my_data_link)
        register_nav_link("admin", navigation.client_data_link)
        register_nav_link("admin", navigation.audit_link)
        register_client_record_section(sections.record_section)
