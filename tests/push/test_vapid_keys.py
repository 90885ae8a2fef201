"""VAPID keys: made by the management command, checked at startup."""

from io import StringIO

from django.core.management import call_command

from push import checks
from push.vapid import new_key_pair, public_key_of


def test_vapid_keys_command_prints_a_matching_pair():
    out = StringIO()
    call_command("vapid_keys", stdout=out, stderr=StringIO())
    lines = dict(line.split("=", 1) for line in out.getvalue().split())
    assert set(lines) == {"VAPID_PRIVATE_KEY", "VAPID_PUBLIC_KEY"}
    assert public_key_of(lines["VAPID_PRIVATE_KEY"]) == lines["VAPID_PUBLIC_KEY"]
    assert len(lines["VAPID_PUBLIC_KEY"]) == 87  # 65 bytes, base64url without padding


def test_startup_check_warns_about_a_pair_that_does_not_belong_together(settings):
    settings.VAPID_PRIVATE_KEY, settings.VAPID_PUBLIC_KEY = new_key_pair()
    assert checks.vapid_pair() == []
    settings.VAPID_PUBLIC_KEY = new_key_pair()[1]
    assert [w.id for w in checks.vapid_pair()] == ["push.W002"]
    settings.VAPID_PUBLIC_KEY = ""
    assert [w.id for w in checks.vapid_pair()] == ["push.W001"]
    settings.VAPID_PRIVATE_KEY = "not-a-key"
    settings.VAPID_PUBLIC_KEY = "x"
    assert [w.id for w in checks.vapid_pair()] == ["push.W002"]
    settings.VAPID_PRIVATE_KEY = settings.VAPID_PUBLIC_KEY = ""
    assert checks.vapid_pair() == []
