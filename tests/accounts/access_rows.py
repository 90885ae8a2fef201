from accounts.models import Invitation, Role
from tests.access.matrix import NOT_ALLOWED, OK, REDIRECT, Row, everyone


def extend_world(world):
    world.extra["accounts_invitation"] = Invitation.objects.create(
        practice=world.practice,
        email="invitee-matrix@example.test",
        name="Invitee",
        role=Role.CLIENT,
        therapist=world.therapist_a,
        invited_by=world.admin,
    )


ROWS = {
    # Forgets an unconfirmed enrolment secret in the caller's own session: harmless for anyone.
    "accounts:totp_new_secret": Row(method="post", expect=everyone(REDIRECT)),
    "accounts:totp_new_secret:get": Row(expect=everyone(NOT_ALLOWED)),
    "accounts:settings": Row(expect=everyone(OK)),
    # Public: whoever holds the emailed token gets the page. Logged-in users get a page that
    # asks them to log out first and shows nothing of the invitation.
    "accounts:invitation_accept": Row(
        kwargs=lambda w: {"token": w.extra["accounts_invitation"].token},
        expect=everyone(OK, anon=OK),
    ),
}
