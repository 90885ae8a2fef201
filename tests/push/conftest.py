import pytest

from push.vapid import new_key_pair

from .push_service import start_push_service


@pytest.fixture
def vapid_keys(settings):
    private, public = new_key_pair()
    settings.VAPID_PRIVATE_KEY, settings.VAPID_PUBLIC_KEY = private, public
    settings.VAPID_SUBJECT = "mailto:practice@example.test"
    return private, public


@pytest.fixture
def push_service(vapid_keys, settings):
    # The stand-in listens on plain http on this machine; real endpoints stay https-only.
    settings.PUSH_SERVICE_HOSTS = [*settings.PUSH_SERVICE_HOSTS, "127.0.0.1"]
    settings.PUSH_ALLOW_HTTP = True
    service, server = start_push_service()
    yield service
    server.shutdown()
    server.server_close()
