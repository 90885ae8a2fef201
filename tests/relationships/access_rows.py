"""Access-matrix rows for couples and the relationship map (see tests/access/matrix.py).

The world's client A is linked with a partner (client P, also treated by therapist A); both
agreed to the link and to show each other the plane, and both have results switched on. Only
therapist A treats both partners. What a partner sees before both agreed and after the link
ended is walked in tests/relationships/test_access.py.
"""

from tests.access.matrix import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Row, expect, role_page


def extend_world(world):
    from django.utils import timezone

    from clients.models import Client
    from diary.models import DiaryEntry
    from relationships import services
    from tests.factories import make_client

    partner = make_client(world.practice, world.therapist_a, name="Partner P")
    Client.objects.filter(pk__in=[world.client_a.pk, partner.pk]).update(results_visible_to_client=True)
    world.client_a.results_visible_to_client = True
    link = services.link_partners(world.client_a, partner, by=world.therapist_a)
    now = timezone.now()
    type(link).objects.filter(pk=link.pk).update(consent_a_at=now, consent_b_at=now, shows_a_at=now, shows_b_at=now)
    world.extra["couple"] = link
    world.extra["couple_free"] = [make_client(world.practice, world.therapist_a, name=f"Free {n}") for n in (1, 2)]
    world.extra["couple_entry_a"] = DiaryEntry.objects.create(client=world.client_a, what_happened="argued")


def _couple(w):
    return {"pk": w.extra["couple"].pk}


ONLY_THERAPIST_OF_BOTH = expect(therapist_a=OK)
PARTNER_POST = expect(client_a=REDIRECT)

ROWS = {
    "relationships:couples": Row(expect=role_page("therapist")),
    "relationships:link": Row(
        method="post",
        data=lambda w: {"first": w.extra["couple_free"][0].pk, "second": w.extra["couple_free"][1].pk},
        expect=expect(default=FORBIDDEN, therapist_a=REDIRECT, therapist_other=NOT_FOUND, therapist_x=NOT_FOUND),
        notes="another therapist's or practice's clients are unknown (404)",
    ),
    "relationships:couple": Row(kwargs=_couple, expect=ONLY_THERAPIST_OF_BOTH, notes="not the partners, not admins"),
    "relationships:goal": Row(
        kwargs=_couple,
        method="post",
        data=lambda w: {"title": "Stay for ten minutes"},
        expect=expect(therapist_a=REDIRECT),
    ),
    "relationships:end": Row(kwargs=_couple, method="post", expect=expect(therapist_a=REDIRECT, client_a=REDIRECT)),
    "relationships:consent": Row(kwargs=_couple, method="post", expect=PARTNER_POST),
    "relationships:showing": Row(kwargs=_couple, method="post", data=lambda w: {"show": "1"}, expect=PARTNER_POST),
    "relationships:share": Row(
        kwargs=_couple, method="post", data=lambda w: {"entry": w.extra["couple_entry_a"].pk}, expect=PARTNER_POST
    ),
    "relationships:joint": Row(
        kwargs=_couple, expect=expect(client_a=OK), notes="a partner's view; the therapist has the couple page"
    ),
    "relationships:mine": Row(expect=role_page("client")),
    "relationships:map": Row(
        kwargs=lambda w: {"pk": w.client_a.pk},
        expect=expect(therapist_a=OK, client_a=OK),
        notes="scores: the treating therapist, and the client once results are switched on",
    ),
}
