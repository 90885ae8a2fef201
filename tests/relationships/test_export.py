"""A client's couple links in their data export (their own side only) and erasure."""

import pytest

from relationships import export, services
from relationships.models import CoupleLink

from .helpers import make_couple

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_client_s_own_side_of_the_link_and_not_the_partner_s(world):
    link, marleen, tim = make_couple(world.practice, world.therapist_a, agreed=False)
    services.agree(link, marleen)
    rows = export.export_rows(marleen, marleen.user)["couple_links"]
    assert rows[0]["agreed_at"] is not None and "Tim" not in str(rows)
    assert export.export_rows(tim, tim.user)["couple_links"][0]["agreed_at"] is None
    assert export.export_rows(marleen, world.admin) == {}


def test_erasing_one_partner_ends_the_link_for_both(world):
    link, marleen, tim = make_couple(world.practice, world.therapist_a, showing=True)
    assert export.erase(marleen)["couple_links"] == 1
    assert not CoupleLink.objects.filter(pk=link.pk).exists()
