from tests.access.matrix import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, Row, expect, role_page


def extend_world(world):
    from safety.models import Alert

    world.extra["alert_a"] = Alert.objects.create(
        client=world.client_a,
        therapist=world.therapist_a,
        kind="deterioration",
        event_key="score:test",
        event_date="2026-11-01",
    )


ROWS = {
    "safety:crisis": Row(expect=expect(default=OK)),
    "safety:practice": Row(expect=role_page("admin")),
    "safety:alerts": Row(expect=role_page("therapist")),
    # A therapist's own alert leads on (to its cause or the list); anyone else's is not there.
    "safety:alert_open": Row(
        kwargs=lambda w: {"pk": w.extra["alert_a"].pk},
        expect=expect(default=FORBIDDEN, therapist_a=REDIRECT, therapist_other=NOT_FOUND, therapist_x=NOT_FOUND),
    ),
    "safety:acknowledge": Row(
        kwargs=lambda w: {"pk": w.extra["alert_a"].pk},
        method="post",
        data=lambda w: {"status": "seen"},
        expect=expect(therapist_a=REDIRECT),
    ),
    "safety:acknowledge:get": Row(kwargs=lambda w: {"pk": w.extra["alert_a"].pk}, expect=expect(default=NOT_ALLOWED)),
    "safety:my_plan": Row(expect=expect(client_a=OK, client_b=OK)),
    "safety:client_plan": Row(kwargs=lambda w: {"pk": w.client_a.pk}, expect=expect(therapist_a=OK, client_a=REDIRECT)),
    "safety:my_settings": Row(expect=expect(client_a=OK, client_b=OK)),
    "safety:client_settings": Row(kwargs=lambda w: {"pk": w.client_a.pk}, expect=expect(therapist_a=OK)),
}
