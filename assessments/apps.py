from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"

    def ready(self) -> None:
        from accounts.navigation import register_nav_link
        from clients.home import register_client_home_fact, register_client_home_section, register_client_record_section

        from . import navigation, sections, selectors
        from .loader import all_instruments

        # Load (and so validate) every instrument file at start-up: a broken file stops the
        # app instead of producing wrong scores later.
        all_instruments()
        register_client_home_section(sections.client_home_section)
        register_client_home_fact("questionnaires_due", selectors.due_count_fact)
        register_client_home_fact("earliest_open_request", selectors.earliest_open_fact)
        register_client_home_fact("questionnaire_schedules", selectors.schedules_fact)
        register_client_record_section(sections.client_record_section)
        register_nav_link("admin", navigation.admin_reliability_link)

        from appointments.signals import session_changed

        from .session_timing import on_session_changed

        session_changed.connect(on_session_changed, dispatch_uid="assessments.on_session_changed")
