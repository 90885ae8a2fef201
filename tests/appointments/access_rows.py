"""Planned sessions, notes, milestones and calendar files in the access matrix.

Session notes and planning are the treating therapist's (therapist_a for client_a): everyone
else, the client, another therapist of the practice and the practice admin included, gets 404.
"""

import datetime as dt

from django.utils import timezone

from appointments import services
from appointments.models import Milestone
from clients.services import record_session
from tests.access.matrix import NOT_ALLOWED, OK, REDIRECT, Row, expect, role_page

POST_ONLY = expect(default=NOT_ALLOWED, anon="login")


def extend_world(world):
    if "planned_a" in world.extra:
        return
    soon = timezone.now() + dt.timedelta(days=3)
    (world.extra["planned_a"],) = services.plan(
        world.client_a, by=world.therapist_a, day=soon.date(), at=dt.time(10, 0), zone="Europe/Amsterdam"
    )
    held = record_session(world.client_a, therapist=world.therapist_a, held_on=timezone.localdate())
    world.extra["held_a"] = held
    services.save_note(held, by=world.therapist_a, text="Private clinical note")
    world.extra["client_milestone_a"] = Milestone.objects.create(
        client=world.client_a, day=timezone.localdate(), text="First time I said no", by_client=True
    )
    world.extra["feed_token_a"] = services.new_feed(world.therapist_a)


def _planned(w):
    return {"pk": w.extra["planned_a"].pk}


def _plan_data(w):
    day = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    return {"day": day, "at": "10:00", "minutes": "50", "mode": "in_person", "repeat_weeks": "0"}


TREATING = expect(therapist_a=OK)

ROWS = {
    "appointments:plan:get": Row(kwargs=lambda w: {"pk": w.client_a.pk}, expect=TREATING),
    "appointments:plan": Row(
        kwargs=lambda w: {"pk": w.client_a.pk}, method="post", data=_plan_data, expect=expect(therapist_a=REDIRECT)
    ),
    "appointments:notes": Row(
        kwargs=lambda w: {"pk": w.client_a.pk},
        expect=TREATING,
        notes="session notes: the treating therapist only; not the client, another therapist or the admin",
    ),
    "appointments:note": Row(kwargs=lambda w: {"pk": w.extra["held_a"].pk}, expect=TREATING),
    "appointments:milestone_add": Row(
        kwargs=lambda w: {"pk": w.client_a.pk},
        method="post",
        data=lambda w: {"day": timezone.localdate().isoformat(), "text": "Ruptured and repaired"},
        expect=expect(therapist_a=REDIRECT),
    ),
    "appointments:milestone_add:get": Row(kwargs=lambda w: {"pk": w.client_a.pk}, expect=POST_ONLY),
    "appointments:edit": Row(kwargs=_planned, expect=TREATING),
    "appointments:cancel": Row(
        kwargs=_planned, method="post", data=lambda w: {"scope": "one"}, expect=expect(therapist_a=REDIRECT)
    ),
    "appointments:cancel:get": Row(kwargs=_planned, expect=POST_ONLY),
    "appointments:held": Row(
        kwargs=_planned,
        method="post",
        expect=expect(therapist_a=REDIRECT),
        notes="a session still ahead is refused with a message and a redirect to the client page",
    ),
    "appointments:held:get": Row(kwargs=_planned, expect=POST_ONLY),
    "appointments:ics": Row(kwargs=_planned, expect=expect(client_a=OK), notes="the client's own calendar file"),
    "appointments:milestone_delete": Row(
        kwargs=lambda w: {"pk": w.extra["client_milestone_a"].pk},
        method="post",
        expect=expect(client_a=REDIRECT),
        notes="a client removes their own words; the therapist removes only clinical milestones",
    ),
    "appointments:milestone_delete:get": Row(
        kwargs=lambda w: {"pk": w.extra["client_milestone_a"].pk}, expect=POST_ONLY
    ),
    "appointments:my_milestones": Row(expect=role_page("client")),
    "appointments:calendar": Row(expect=role_page("therapist")),
    # The secret address is the key (calendar apps cannot log in): anyone holding it gets the feed.
    "appointments:feed": Row(kwargs=lambda w: {"token": w.extra["feed_token_a"]}, expect=expect(default=OK, anon=OK)),
    "appointments:practice_settings": Row(expect=role_page("admin")),
}
