from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dashboard"

    def ready(self) -> None:
        from accounts.navigation import register_nav_link
        from clients.home import register_client_record_section

        from .navigation import admin_link, client_link
        from .sections import record_section

        register_nav_link("admin", admin_link)
        register_nav_link("client", client_link)
        register_client_record_section(record_section)
