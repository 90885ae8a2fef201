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
        from django.urls import reverse
        from django.utils.translation import gettext as _

        from accounts.navigation import register_nav_link
        from clients.home import register_client_record_section

        register_nav_link("client", lambda request: {"url": reverse("records:my_data"), "label": _("Your data")})
        register_nav_link(
            "admin", lambda request: {"url": reverse("records:practice_clients"), "label": _("Client data")}
        )
        register_nav_link("admin", lambda request: {"url": reverse("records:audit_search"), "label": _("Audit trail")})

        def export_section(request, client):
            return {"template": "records/record_section.html", "context": {"client": client}, "order": 900}

        register_client_record_section(export_section)
