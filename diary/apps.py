from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiaryConfig(AppConfig):
    name = "diary"
    verbose_name = _("Emotion diary")

    def ready(self) -> None:
        import datetime as dt

        from accounts.navigation import register_nav_link
        from clients.home import (
            register_client_home_fact,
            register_client_home_section,
            register_client_record_section,
            register_fact_moment,
        )

        from . import navigation, sections, selectors

        register_client_home_section(sections.diary_today)
        register_client_home_fact("diary_written_today", selectors.written_today_fact)
        register_fact_moment("diary_today_start", dt.datetime, lambda user, now: selectors.today_bounds(user, now)[0])
        register_fact_moment("diary_today_end", dt.datetime, lambda user, now: selectors.today_bounds(user, now)[1])
        register_client_record_section(sections.shared_since_session)
        register_nav_link("client", navigation.nav_diary)
