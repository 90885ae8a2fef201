"""Who sees a couple: only the therapist of both partners; a partner sees the joint plane only
after both agreed to show it; nothing of either through the link once it ended."""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from accounts.models import Role
from relationships import services
from tests.factories import make_client, make_user

from .helpers import make_couple

pytestmark = pytest.mark.django_db


def _get(user, name, **kwargs):
    http = HttpClient()
    http.force_login(user)
    return http.get(reverse(name, kwargs=kwargs))


def test_a_partner_sees_the_joint_plane_only_after_both_agreed_to_show_it(world):
    link, marleen, tim = make_couple(world.practice, world.therapist_a)
    assert _get(marleen.user, "relationships:joint", pk=link.pk).status_code == 404
    services.set_showing(link, marleen, True)
    assert _get(marleen.user, "relationships:joint", pk=link.pk).status_code == 404
    assert _get(tim.user, "relationships:joint", pk=link.pk).status_code == 404
    services.set_showing(link, tim, True)
    assert _get(marleen.user, "relationships:joint", pk=link.pk).status_code == 200
    assert _get(tim.user, "relationships:joint", pk=link.pk).status_code == 200
    services.set_showing(link, tim, False)  # one stops: at once for both
    assert _get(marleen.user, "relationships:joint", pk=link.pk).status_code == 404


def test_nothing_of_the_couple_before_both_partners_agreed_to_the_link(world):
    link, marleen, tim = make_couple(world.practice, world.therapist_a, agreed=False)
    services.agree(link, marleen)
    with pytest.raises(Exception, match="Agree to the couple link first"):
        services.set_showing(link, tim, True)
    response = _get(world.therapist_a, "relationships:couple", pk=link.pk)
    assert response.status_code == 200
    assert b"Waiting until both partners have agreed" in response.content
    assert b"couple-plane" not in response.content


def test_after_unlinking_nobody_sees_anything_through_the_link(world):
    link, marleen, tim = make_couple(world.practice, world.therapist_a, showing=True)
    services.end_link(link, by=tim.user)
    for user, name in [
        (world.therapist_a, "relationships:couple"),
        (marleen.user, "relationships:joint"),
        (tim.user, "relationships:joint"),
    ]:
        assert _get(user, name, pk=link.pk).status_code == 404, (user, name)
    mine = _get(marleen.user, "relationships:mine")
    assert b"You are not linked with a partner." in mine.content and b"Tim" not in mine.content


def test_a_therapist_who_treats_only_one_partner_sees_nothing_of_the_couple(world):
    link, marleen, tim = make_couple(world.practice, world.therapist_a, showing=True)
    from clients.services import assign_therapist

    assign_therapist(tim, world.therapist_other, by=world.admin)
    for therapist in (world.therapist_a, world.therapist_other):
        assert _get(therapist, "relationships:couple", pk=link.pk).status_code == 404
    assert _get(world.admin, "relationships:couple", pk=link.pk).status_code == 404


def test_a_partner_never_sees_scores_their_therapist_has_not_released(world):
    link, marleen, tim = make_couple(world.practice, world.therapist_a, showing=True, results=False)
    assert _get(marleen.user, "relationships:joint", pk=link.pk).status_code == 404
    assert b"Your therapist has not switched on results yet." in _get(marleen.user, "relationships:mine").content


def test_a_therapist_cannot_link_someone_else_s_client_or_one_client_twice(world):
    link, marleen, tim = make_couple(world.practice, world.therapist_a)
    http = HttpClient()
    http.force_login(world.therapist_a)
    response = http.post(reverse("relationships:link"), {"first": world.client_a.pk, "second": world.client_b.pk})
    assert response.status_code == 404  # client B is therapist_other's
    third = make_client(world.practice, world.therapist_a, name="Sam")
    response = http.post(reverse("relationships:link"), {"first": third.pk, "second": marleen.pk})
    assert response.status_code == 400
    assert b"Marleen is already linked as a partner; end that link first." in response.content
    assert f'value="{third.pk}" selected'.encode() in response.content  # the choice is kept


def test_another_practice_s_therapist_gets_404(world):
    link, *_ = make_couple(world.practice, world.therapist_a)
    stranger = make_user(world.other_practice, Role.THERAPIST)
    assert _get(stranger, "relationships:couple", pk=link.pk).status_code == 404
