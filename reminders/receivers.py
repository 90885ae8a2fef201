"""What reminders does when something happens elsewhere (connected in RemindersConfig.ready)."""

from . import alerts, services


def create_default_preferences(sender, instance, created, raw=False, **kwargs) -> None:
    # Fixtures (raw) load their own rows; only new people get default reminders.
    if created and not raw:
        services.ensure_preferences(instance)


def on_alert_created(sender, alert, **kwargs) -> None:
    alerts.schedule_alert(alert)
