"""Access-matrix rows for the dashboard.

Client pages follow clients.access: the client's own therapist (TREAT) gets 200, every other
therapist, the practice admin and other practices get 404. The client's own progress page
(`dashboard:my_progress`) is every client's (200); its questionnaire results show only when
clients.access.can_see_results says so: client_a has them enabled in extend_world, client_b
does not (tests/dashboard/test_my_progress.py checks what each sees). Role pages answer 403 to
other roles (clients.access.role_required).
"""

from tests.access.matrix import FORBIDDEN, NOT_FOUND, OK, Row, expect, role_page


def extend_world(world):
    type(world.client_a).objects.filter(pk=world.client_a.pk).update(results_visible_to_client=True)
    world.client_a.results_visible_to_client = True


def _client_a(w):
    return {"pk": w.client_a.pk}


ROWS = {
    "dashboard:caseload": Row(expect=role_page("therapist")),
    "dashboard:overview": Row(expect=role_page("admin")),
    "dashboard:client_progress": Row(kwargs=_client_a, expect=expect(therapist_a=OK)),
    "dashboard:session_prep": Row(kwargs=_client_a, expect=expect(therapist_a=OK)),
    "dashboard:report": Row(kwargs=_client_a, expect=expect(therapist_a=OK)),
    "dashboard:report_pdf": Row(kwargs=_client_a, expect=expect(therapist_a=OK)),
    "dashboard:my_progress": Row(
        expect=role_page("client"),
        notes="each client's own page; questionnaire results only with can_see_results (client_a yes, client_b no)",
    ),
}

# Kept explicit for readers of this file: admins never reach client content.
ADMIN_ON_CLIENT_CONTENT = NOT_FOUND
ADMIN_ON_ROLE_PAGES = FORBIDDEN
