from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "clients"

    def ready(self) -> None:
        from accounts.signals import invitation_accepted

        from .receivers import create_client_record

        invitation_accepted.connect(create_client_record, dispatch_uid="clients.create_client_record")
