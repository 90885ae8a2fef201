from tests.access.matrix import NOT_ALLOWED, OK, REDIRECT, Row, expect, role_page

ROWS = {
    "home": Row(expect=expect(default=REDIRECT)),
    "client_home": Row(expect=role_page("client")),
    "caseload": Row(expect=role_page("therapist")),
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
        expect=expect(default=NOT_ALLOWED, anon="login"),
        notes="require_POST answers before the access check; it reveals nothing",
    ),
}
