from django.apps import AppConfig


class PushConfig(AppConfig):
    name = "push"
    verbose_name = "Web push"

    def ready(self) -> None:
        from django.core import checks
        from django.utils.translation import pgettext_lazy

        from reminders import channels

        from . import checks as push_checks
        from . import (
            receivers,  # noqa: F401  (connects the logout receiver)
            sending,
        )

        checks.register(push_checks.vapid_pair)

        channels.register(
            channels.Channel(
                "push",
                pgettext_lazy("reminder channel", "Push notification"),
                wanted=sending.wants_push,
                prepare=sending.prepare_push,
            )
        )
