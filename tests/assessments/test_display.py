"""The one score formatter: worked by hand, half away from zero, the user's decimal separator."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from assessments.display import format_change, format_score


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("4.6667"), "4.67"),  # Django's number_format gave 4.66 (cut off)
        (Decimal("4.665"), "4.67"),  # half up, not to even (4.66)
        (Decimal("2.005"), "2.01"),
        (Decimal("3.1111"), "3.11"),
        (4.6667, "4.67"),  # chart points are floats
        (2.005, "2.01"),  # the float 2.005 is 2.00499999…; read as written
        (Decimal("7"), "7.00"),
        (None, "—"),
    ],
)
def test_scores_round_half_away_from_zero_to_two_decimals(value, text):
    with translation.override("en"):
        assert format_score(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1.7700"), "+1.77"),
        (Decimal("-0.5"), "−0.50"),
        (Decimal("-1.775"), "−1.78"),  # away from zero
        (-1.775, "−1.78"),
        (3.1111 - 4.6667, "−1.56"),  # a float difference with binary noise
        (1.7749999999999999, "+1.78"),  # that noise is not a reason to round down
        (Decimal("0"), "0.00"),
        (Decimal("-0.004"), "0.00"),  # rounds to zero: no sign
        (None, "—"),
    ],
)
def test_changes_carry_a_sign(value, text):
    with translation.override("en"):
        assert format_change(value) == text


def test_dutch_uses_a_decimal_comma():
    with translation.override("nl"):
        assert format_score(Decimal("4.6667")) == "4,67"
        assert format_change(Decimal("-1.775")) == "−1,78"
        assert format_score(Decimal("4.65"), 1) == "4,7"


def test_template_filters_use_the_same_formatter():
    template = Template("{% load score_format %}{{ a|score }} {{ d|score_change }} {{ a|score:1 }}")
    with translation.override("nl"):
        text = template.render(Context({"a": Decimal("4.6667"), "d": Decimal("1.7778")}))
    assert text == "4,67 +1,78 4,7"
