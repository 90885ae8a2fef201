from django.apps import AppConfig


class PushConfig(AppConfig):
    name = "push"
    verbose_name = "Web push"

    def ready(self) -> None:
        from django.utils.translation import pgettext_lazy

        from reminders import channels

        from . import sending

        channels.register(
            channels.Channel(
                "push",
                pgettext_lazy("reminder channel", "Push notification"),
                wanted=sending.wants_push,
                prepare=sending.prepare_push,
            )
        )
