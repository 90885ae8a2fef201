from reminders.models import Kind
from reminders.services import sweep, unsubscribe_token
from tests.access.matrix import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, Row, expect, role_page

from .helpers import utc


def extend_world(world):
    from datetime import time

    from reminders.models import Channel, ReminderPreference
    from reminders.services import send_many

    ReminderPreference.objects.filter(user=world.client_a.user, kind=Kind.DIARY).update(
        enabled=True, local_time=time(20, 0), channel=Channel.IN_APP
    )
    now = utc("2026-06-10T18:00")
    sweep(now, dispatch=lambda ids: send_many(ids, now))
    world.extra["notification_a"] = world.client_a.user.notifications.get()
    from reminders.models import Delivery, DeliveryState

    # An email to client_a whose hand-off was cut off: the admin of practice a may resend it.
    occurrence = world.client_a.user.notifications.get().occurrence
    world.extra["unconfirmed_a"] = Delivery.objects.create(
        occurrence=occurrence, channel="email", state=DeliveryState.UNKNOWN
    )


ROWS = {
    "reminders:preferences": Row(
        expect=role_page("client", therapist_a=OK, therapist_other=OK, therapist_x=OK, admin=OK, admin_x=OK)
    ),
    "reminders:unconfirmed": Row(expect=role_page("admin")),
    "reminders:resend": Row(
        kwargs=lambda w: {"pk": w.extra["unconfirmed_a"].pk},
        method="post",
        expect=expect(default=FORBIDDEN, admin=REDIRECT, admin_x=NOT_FOUND),
        notes="only the admin of the recipient's practice; another practice's admin 404",
    ),
    "reminders:resend:get": Row(
        kwargs=lambda w: {"pk": w.extra["unconfirmed_a"].pk},
        expect=expect(default=NOT_ALLOWED),
        notes="require_POST answers first; reveals nothing",
    ),
    "reminders:notifications": Row(expect=expect(default=OK)),
    "reminders:notification_open": Row(
        kwargs=lambda w: {"pk": w.extra["notification_a"].pk},
        method="post",
        expect=expect(client_a=REDIRECT),
        notes="only the recipient; everyone else 404",
    ),
    "reminders:notification_open:get": Row(
        kwargs=lambda w: {"pk": w.extra["notification_a"].pk},
        expect=expect(default=NOT_ALLOWED),
        notes="require_POST answers first; reveals nothing",
    ),
    "reminders:notifications_read_all": Row(method="post", expect=expect(default=REDIRECT)),
    "reminders:notifications_read_all:get": Row(expect=expect(default=NOT_ALLOWED)),
    # The signed link from an email: works for anyone holding it, logged in or not.
    "reminders:unsubscribe": Row(
        kwargs=lambda w: {"kind": Kind.DIARY, "token": unsubscribe_token(w.client_a.user, Kind.DIARY)},
        expect=expect(default=OK, anon=OK),
    ),
}
