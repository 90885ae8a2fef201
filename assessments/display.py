"""The one way a questionnaire score or a change in score is written for people to read.

Every page, chart, presenter and the PDF that shows an ECR-R / ECR-RS score goes through
here, so one score reads the same everywhere (Django's number_format cuts digits off instead
of rounding, floatformat's digits varied per template). Exports keep the stored value.

- round half away from zero (4.665 → 4.67, −1.775 → −1.78), as people round by hand;
- the active language's decimal separator (nl: 4,67; en: 4.67);
- a change carries its sign: +1.77, −0.50 (a true minus sign), 0.00 without one.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats
from django.utils.formats import date_format
from django.utils.translation import gettext

MISSING = "—"
MINUS = "\u2212"
# Floats (chart points, differences computed in float) carry binary noise such as
# 1.7749999999999999 for 1.775; scores are stored with four decimals, so six are exact.
_DENOISE = Decimal("0.000001")


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)
    except (InvalidOperation, TypeError, ValueError):
        return None
    if not number.is_finite():
        return None
    return number.quantize(_DENOISE, rounding=ROUND_HALF_EVEN) if isinstance(value, float) else number


def rounded(value, digits: int = 2) -> Decimal | None:
    """The value rounded half away from zero (Decimal's ROUND_HALF_UP) to `digits` decimals."""
    number = _decimal(value)
    if number is None:
        return None
    return number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def _text(number: Decimal, sep: str | None) -> str:
    sep = formats.get_format("DECIMAL_SEPARATOR") if sep is None else sep
    return f"{abs(number):f}".replace(".", sep)


def format_score(value, digits: int = 2, *, sep: str | None = None) -> str:
    """A score for reading: "4.67" (en) / "4,67" (nl); "—" when there is none."""
    number = rounded(value, digits)
    if number is None:
        return MISSING
    return (MINUS if number < 0 else "") + _text(number, sep)


def format_change(value, digits: int = 2, *, sep: str | None = None) -> str:
    """A change in score with its sign: "+1.77", "−0.50", "0.00"; "—" when there is none."""
    number = rounded(value, digits)
    if number is None:
        return MISSING
    sign = "+" if number > 0 else MINUS if number < 0 else ""
    return sign + _text(number, sep)


def format_practice_baseline(n: int, day, anxiety_sd, avoidance_sd) -> str:
    """The practice's own baseline SD as every page names it: the figure, its N and its date."""
    return gettext(
        "SD of this practice's own first scores (Jacobson & Truax, 1991): anxiety %(anx)s, avoidance %(avo)s; "
        "N = %(n)s clients, computed %(date)s"
    ) % {
        "anx": format_score(anxiety_sd),
        "avo": format_score(avoidance_sd),
        "n": n,
        "date": date_format(day, "DATE_FORMAT") if day else MISSING,
    }
