"""As the app role under row-level security, a push service's answer still updates the device
rows: the POSTs run outside any transaction, the bookkeeping after them acts for the practice."""

import pytest
from django.db import connection, transaction

from push import sending, services
from push.models import PushSubscription
from rowsecurity.scope import acting_for_practice
from tests.rowsecurity.conftest import app_role  # noqa: F401  (fixture)

from .push_service import BrowserKeys

pytestmark = pytest.mark.postgres
PHONE_UA = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile"


def test_a_device_answered_410_is_forgotten_when_the_worker_runs_as_the_app_role(
    world,
    app_role,  # noqa: F811
    push_service,
    vapid_keys,
):
    user = world.client_a.user
    services.subscribe(user, BrowserKeys().subscription(push_service.endpoint("gone")), PHONE_UA)
    services.subscribe(user, BrowserKeys().subscription(push_service.endpoint("phone")), PHONE_UA)
    push_service.answers["/send/gone"] = 410
    with acting_for_practice(user.practice_id):
        handoff = sending.PushHandoff(sending.requests_for(user.pk, b"{}"), user.practice_id)

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f'SET LOCAL ROLE "{app_role}"')
            cursor.execute("RESET app.practice_id")  # as after a commit: no practice set
        try:
            handoff.commit()
        finally:  # the test's outer transaction would keep the role otherwise
            with connection.cursor() as cursor:
                cursor.execute("RESET ROLE")

    left = list(PushSubscription.objects.filter(user=user).values_list("endpoint", "last_sent_at"))
    assert [endpoint for endpoint, _ in left] == [push_service.endpoint("phone")]
    assert left[0][1] is not None
