from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "appointments"
    verbose_name = _("Sessions")

    def ready(self) -> None:
        # No menu link: the menus are full; therapists find sessions on the client page, clients
        # the next one on their home page.
        import datetime as dt

        from clients.home import (
            register_client_home_fact,
            register_client_home_section,
            register_client_record_section,
            register_fact_moment,
        )

        from . import sections, selectors

        register_client_home_section(sections.home_section)
        register_client_home_fact("next_sessions", selectors.next_session_fact)
        register_fact_moment("sessions_from", dt.datetime, lambda user, now: selectors.sessions_from(now))
        register_client_record_section(sections.record_section)
