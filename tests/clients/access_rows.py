from accounts.models import Invitation, Role
from tests.access.matrix import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, Row, expect, role_page


def extend_world(world):
    world.extra["clients_invitation"] = Invitation.objects.create(
        practice=world.practice,
        email="pending-matrix@example.test",
        name="Pending",
        role=Role.THERAPIST,
        invited_by=world.admin,
    )


def admin_of_practice_one(outcome=OK) -> dict:
    """An admin page about one person or record of practice one: other roles 403, admin_x 404."""
    return expect(default=FORBIDDEN, admin=outcome, admin_x=NOT_FOUND)


POST_ONLY = expect(default=NOT_ALLOWED, anon="login")

ROWS = {
    "home": Row(expect=expect(default=REDIRECT)),
    "client_home": Row(expect=role_page("client")),
    "client_welcome": Row(expect=role_page("client")),
    "client_welcome_step": Row(kwargs=lambda w: {"step": 3}, expect=role_page("client")),
    "caseload": Row(
        expect=expect(default=REDIRECT),
        notes="old address: a permanent redirect to dashboard:caseload for everyone logged in; reveals nothing",
    ),
    "client_detail": Row(
        kwargs=lambda w: {"pk": w.client_a.pk},
        expect=expect(client_a=REDIRECT, therapist_a=OK, admin=OK),
    ),
    "client_session_add": Row(
        kwargs=lambda w: {"pk": w.client_a.pk},
        method="post",
        data=lambda w: {"held_on": "2026-01-05"},
        expect=expect(therapist_a=REDIRECT),
    ),
    # GET on a POST-only URL: 405 only for whoever may use it; 404 for the rest.
    "client_session_add:get": Row(
        kwargs=lambda w: {"pk": w.client_a.pk},
        expect=POST_ONLY,
        notes="require_POST answers before the access check; it reveals nothing",
    ),
    "client_results_visibility": Row(
        kwargs=lambda w: {"pk": w.client_a.pk},
        method="post",
        data=lambda w: {"visible": "1"},
        expect=expect(therapist_a=REDIRECT),
    ),
    "client_results_visibility:get": Row(kwargs=lambda w: {"pk": w.client_a.pk}, expect=POST_ONLY),
    # Practice admin pages.
    "practice_people": Row(expect=role_page("admin")),
    "practice_invite": Row(expect=role_page("admin")),
    "practice_clients": Row(expect=role_page("admin")),
    "practice_invitation_resend": Row(
        kwargs=lambda w: {"pk": w.extra["clients_invitation"].pk},
        method="post",
        expect=admin_of_practice_one(REDIRECT),
    ),
    "practice_invitation_resend:get": Row(kwargs=lambda w: {"pk": w.extra["clients_invitation"].pk}, expect=POST_ONLY),
    "practice_invitation_revoke": Row(
        kwargs=lambda w: {"pk": w.extra["clients_invitation"].pk},
        method="post",
        expect=admin_of_practice_one(REDIRECT),
    ),
    "practice_invitation_revoke:get": Row(kwargs=lambda w: {"pk": w.extra["clients_invitation"].pk}, expect=POST_ONLY),
    "practice_person_deactivate": Row(
        kwargs=lambda w: {"pk": w.client_b.user.pk}, method="post", expect=admin_of_practice_one(REDIRECT)
    ),
    "practice_person_deactivate:get": Row(
        kwargs=lambda w: {"pk": w.therapist_other.pk}, expect=admin_of_practice_one(OK), notes="confirm page"
    ),
    "practice_person_reactivate": Row(
        kwargs=lambda w: {"pk": w.client_b.user.pk}, expect=admin_of_practice_one(OK), notes="GET: confirm page"
    ),
    "practice_client_edit": Row(kwargs=lambda w: {"pk": w.client_a.pk}, expect=admin_of_practice_one(OK)),
    "practice_client_assign:get": Row(kwargs=lambda w: {"pk": w.client_a.pk}, expect=admin_of_practice_one(OK)),
    "practice_client_assign": Row(
        kwargs=lambda w: {"pk": w.client_a.pk},
        method="post",
        data=lambda w: {"therapist": w.therapist_other.pk},
        expect=admin_of_practice_one(REDIRECT),
    ),
}
