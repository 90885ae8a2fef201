from datetime import date

from goals.models import Step
from goals.services import create_goal
from tests.access.matrix import NOT_ALLOWED, OK, REDIRECT, Row, expect, role_page


def extend_world(world):
    goal = create_goal(
        world.client_a,
        by=world.therapist_a,
        title="Ask for help",
        target_per_week=3,
        start_date=date(2026, 1, 5),
        steps=["Ask a small favour", "Ask for advice"],
    )
    world.extra["goal_a"] = goal
    world.extra["step_a"] = Step.objects.filter(goal=goal).order_by("position").first()


def _goal(w):
    return {"pk": w.extra["goal_a"].pk}


def _reorder(w):
    goal = w.extra["goal_a"]
    ids = list(goal.steps.order_by("position").values_list("pk", flat=True))
    return {"order": ",".join(map(str, reversed(ids))), "version": goal.steps_version}


PLANNERS = {"client_a": OK, "therapist_a": OK}
PLANNERS_WRITE = {"client_a": REDIRECT, "therapist_a": REDIRECT}
# GET on a POST-only URL: require_POST answers before the access check and reveals nothing.
POST_ONLY = expect(default=NOT_ALLOWED)


def _goal_post(w):
    return {"title": "Share something", "target_per_week": "2", "start_date": "2026-01-05", "status": "active"}


# Keys ending in ":get" are a second row for the same URL name (the matrix strips the
# suffix): here the main key is the POST, the ":get" key the GET of the form.
ROWS = {
    "goals:my_goals": Row(expect=role_page("client")),
    "goals:client_goals": Row(kwargs=lambda w: {"client_pk": w.client_a.pk}, expect=expect(**PLANNERS)),
    "goals:goal_create": Row(
        kwargs=lambda w: {"client_pk": w.client_a.pk}, method="post", data=_goal_post, expect=expect(**PLANNERS_WRITE)
    ),
    "goals:goal_create:get": Row(kwargs=lambda w: {"client_pk": w.client_a.pk}, expect=expect(**PLANNERS)),
    "goals:goal_detail": Row(kwargs=_goal, expect=expect(**PLANNERS)),
    "goals:goal_edit": Row(kwargs=_goal, method="post", data=_goal_post, expect=expect(**PLANNERS_WRITE)),
    "goals:goal_edit:get": Row(kwargs=_goal, expect=expect(**PLANNERS)),
    "goals:step_add": Row(
        kwargs=_goal, method="post", data=lambda w: {"text": "New step"}, expect=expect(**PLANNERS_WRITE)
    ),
    "goals:step_add:get": Row(kwargs=_goal, expect=POST_ONLY),
    "goals:step_edit": Row(
        kwargs=lambda w: {"pk": w.extra["goal_a"].pk, "step_pk": w.extra["step_a"].pk},
        method="post",
        data=lambda w: {"text": "Ask a tiny favour"},
        expect=expect(**PLANNERS_WRITE),
    ),
    "goals:step_edit:get": Row(
        kwargs=lambda w: {"pk": w.extra["goal_a"].pk, "step_pk": w.extra["step_a"].pk}, expect=expect(**PLANNERS)
    ),
    "goals:step_delete": Row(
        kwargs=lambda w: {"pk": w.extra["goal_a"].pk, "step_pk": w.extra["step_a"].pk},
        method="post",
        expect=expect(**PLANNERS_WRITE),
    ),
    "goals:step_delete:get": Row(
        kwargs=lambda w: {"pk": w.extra["goal_a"].pk, "step_pk": w.extra["step_a"].pk}, expect=POST_ONLY
    ),
    "goals:steps_reorder": Row(kwargs=_goal, method="post", data=_reorder, expect=expect(**PLANNERS_WRITE)),
    "goals:steps_reorder:get": Row(kwargs=_goal, expect=POST_ONLY),
    "goals:checkin": Row(
        kwargs=_goal,
        method="post",
        data=lambda w: {
            "outcome": "done",
            "date": "2026-01-06",
            "anxiety_before": "6",
            "anxiety_after": "3",
            "idempotency_key": "6f1c1f0e-0000-4000-8000-000000000001",
        },
        expect=expect(client_a=REDIRECT),
    ),
    "goals:checkin:get": Row(kwargs=_goal, expect=expect(client_a=OK)),
    "goals:gas_rate": Row(
        kwargs=_goal,
        method="post",
        data=lambda w: {"date": "2026-01-10", "level": "1", "note": "steady"},
        expect=expect(therapist_a=REDIRECT),
    ),
    "goals:gas_rate:get": Row(kwargs=_goal, expect=expect(therapist_a=OK)),
}
