"""Access-matrix rows for every assessments URL (see tests/access/matrix.py)."""

from tests.access.matrix import FORBIDDEN, NOT_ALLOWED, OK, REDIRECT, Row, expect, role_page


def extend_world(world):
    from assessments import services
    from assessments.models import AssessmentRequest

    from .helpers import TODAY, uniform

    schedule = services.create_schedule(
        world.client_a, instrument="ecr-r", start_date=TODAY, interval_weeks=4, created_by=world.therapist_a
    )
    world.extra["assess_schedule_a"] = schedule
    world.extra["assess_request_a"] = AssessmentRequest.objects.get(schedule=schedule)
    done = services.create_schedule(
        world.client_a, instrument="ecr-rs", start_date=TODAY, targets=["partner"], created_by=world.therapist_a
    )
    done_request = AssessmentRequest.objects.get(schedule=done)
    services.save_answers(world.client_a, done_request.pk, uniform("ecr-rs", 3))
    world.extra["assess_administration_a"] = services.submit(world.client_a, done_request.pk).administration


def _client_a(w):
    return {"pk": w.client_a.pk}


def _request_a(w):
    return {"request_pk": w.extra["assess_request_a"].pk}


THERAPIST_POST = expect(therapist_a=REDIRECT)
POST_ONLY_GET = expect(therapist_a=NOT_ALLOWED)

ROWS = {
    "assessments:client_history": Row(kwargs=_client_a, expect=expect(therapist_a=OK)),
    "assessments:assign": Row(
        kwargs=_client_a,
        method="post",
        data=lambda w: {"instrument": "ecr-r", "start_date": "2026-03-02"},
        expect=THERAPIST_POST,
    ),
    "assessments:assign:get": Row(kwargs=_client_a, expect=POST_ONLY_GET, notes="access is checked before 405"),
    "assessments:schedule_cancel": Row(
        kwargs=lambda w: {"pk": w.client_a.pk, "schedule_pk": w.extra["assess_schedule_a"].pk},
        method="post",
        expect=THERAPIST_POST,
    ),
    "assessments:schedule_cancel:get": Row(
        kwargs=lambda w: {"pk": w.client_a.pk, "schedule_pk": w.extra["assess_schedule_a"].pk},
        expect=POST_ONLY_GET,
    ),
    "assessments:administration_detail": Row(
        kwargs=lambda w: {"pk": w.client_a.pk, "administration_pk": w.extra["assess_administration_a"].pk},
        expect=expect(therapist_a=OK),
        notes="item-level answers: the treating therapist only (admins have no clinical access)",
    ),
    "assessments:fill": Row(kwargs=_request_a, expect=expect(client_a=OK)),
    "assessments:answer": Row(
        kwargs=_request_a, method="post", data=lambda w: {"item": "1", "answer": "3"}, expect=expect(client_a=OK)
    ),
    "assessments:answer:get": Row(kwargs=_request_a, expect=expect(client_a=NOT_ALLOWED)),
    "assessments:my_results": Row(
        expect=expect(default=REDIRECT),
        notes="moved permanently to dashboard:my_progress, which checks access itself (anonymous: login first)",
    ),
    "assessments:reliability_settings": Row(expect=role_page("admin")),
    "assessments:reliability_edit": Row(kwargs=lambda w: {"slug": "ecr-r"}, expect=role_page("admin")),
    "assessments:baseline_option": Row(
        kwargs=lambda w: {"slug": "ecr-r"},
        method="post",
        data=lambda w: {"use": "1"},
        expect=expect(default=FORBIDDEN, admin=REDIRECT, admin_x=REDIRECT),
        notes="each admin chooses for their own practice",
    ),
}
