from clients.models import ClientStatus
from tests.access.matrix import OK, REDIRECT, Row, expect, role_page


def extend_world(world):
    # Only a discharged client can be erased: client B (therapist_other's) is discharged here.
    world.client_b.status = ClientStatus.DISCHARGED
    world.client_b.save(update_fields=["status"])


ROWS = {
    "records:my_data": Row(expect=role_page("client")),
    "records:access_log": Row(expect=role_page("client")),
    "records:client_export": Row(
        kwargs=lambda w: {"pk": w.client_a.pk},
        method="post",
        expect=expect(client_a=REDIRECT, therapist_a=OK, admin=OK),
        notes="POST returns the zip to the therapist and the practice admin; a client goes to their own page",
    ),
    "records:client_export:get": Row(
        kwargs=lambda w: {"pk": w.client_a.pk},
        expect=expect(client_a=REDIRECT, therapist_a=OK, admin=OK),
    ),
    "records:client_erase": Row(
        kwargs=lambda w: {"pk": w.client_b.pk},
        method="post",
        data=lambda w: {"confirmation": w.client_b.display_name},
        expect=expect(admin=REDIRECT),
        notes="only the admin of the client's practice may erase; everyone else gets 404",
    ),
    "records:client_erase:get": Row(kwargs=lambda w: {"pk": w.client_b.pk}, expect=expect(admin=OK)),
    "records:practice_clients": Row(expect=role_page("admin")),
    "records:audit_search": Row(expect=role_page("admin")),
}
