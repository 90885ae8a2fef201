from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """Export and erasure of a client's data, and the audit pages.

    A separate app from `audit` because of the import arrows: export and erasure reach into
    every domain app (through their `<app>/export.py`), so they sit at the top beside reminders
    and dashboard, while the audit trail itself sits just above accounts so that
    clients.access can write to it.
    """

    name = "records"
