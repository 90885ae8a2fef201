from learn.models import PracticeCard
from tests.access.matrix import NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, Row, everyone, expect, role_page


def extend_world(world):
    card = PracticeCard.objects.create(
        practice=world.practice,
        slug="our-groups",
        order=300,
        title_en="Our group sessions",
        title_nl="Onze groepssessies",
        body_en="Every Tuesday.",
        body_nl="Elke dinsdag.",
        sources="Practice One (2026). House leaflet.",
    )
    world.extra["practice_card"] = card


def _card_post(w):
    return {
        "title_en": "Walks",
        "title_nl": "Wandelingen",
        "body_en": "We walk.",
        "body_nl": "We wandelen.",
        "sources": "Practice One (2026).",
        "slug": "walks",
        "order": "400",
    }


ADMIN_WRITE = {**role_page("admin"), "admin": REDIRECT, "admin_x": REDIRECT}
OWN_PRACTICE = {"client_a": OK, "client_b": OK, "therapist_a": OK, "therapist_other": OK, "admin": OK}

ROWS = {
    "learn:index": Row(expect=everyone()),
    "learn:card": Row(kwargs=lambda w: {"slug": "two-dimensions"}, expect=everyone()),
    # A practice's own card: its own members only; another practice's people get 404.
    "learn:card:get": Row(kwargs=lambda w: {"slug": "our-groups"}, expect=expect(**OWN_PRACTICE)),
    "learn:first_cards:get": Row(kwargs=lambda w: {"client_pk": w.client_a.pk}, expect=expect(default=NOT_ALLOWED)),
    "learn:first_cards": Row(
        kwargs=lambda w: {"client_pk": w.client_a.pk},
        method="post",
        data=lambda w: {"card_0": "two-dimensions"},
        expect=expect(therapist_a=REDIRECT),
    ),
    "learn:practice_cards": Row(expect=role_page("admin")),
    "learn:practice_card_add": Row(method="post", data=_card_post, expect=ADMIN_WRITE),
    "learn:practice_card_edit": Row(
        kwargs=lambda w: {"pk": w.extra["practice_card"].pk},
        method="post",
        data=_card_post,
        expect={**ADMIN_WRITE, "admin_x": NOT_FOUND},
    ),
}
