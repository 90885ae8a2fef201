from push.models import PushSubscription
from tests.access.matrix import NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, Row, everyone, expect


def extend_world(world):
    world.extra["push_device_a"] = PushSubscription.objects.create(
        user=world.client_a.user,
        endpoint="https://fcm.googleapis.com/fcm/send/matrix-client-a",
        p256dh="key",
        auth="secret",
        label="Chrome, Android",
    )


ROWS = {
    # Each person's own devices; nobody sees another's.
    "push:devices": Row(expect=everyone(OK)),
    # A body that is no subscription: a clear 400 for anyone logged in, never a 500.
    "push:subscribe": Row(method="post", expect=everyone(400)),
    "push:subscribe:get": Row(expect=everyone(NOT_ALLOWED)),
    "push:remove": Row(
        method="post",
        kwargs=lambda w: {"pk": w.extra["push_device_a"].pk},
        expect=expect(default=NOT_FOUND, client_a=REDIRECT),
    ),
    "push:remove:get": Row(kwargs=lambda w: {"pk": w.extra["push_device_a"].pk}, expect=everyone(NOT_ALLOWED)),
}
