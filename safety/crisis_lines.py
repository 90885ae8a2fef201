"""Turn the practice's crisis text (free text, one line per number or address) into links.

A client in crisis should tap a number, not copy it: every phone line becomes a tel: link and
every chat address an https link. Pure functions, so the crisis page and any other page that
shows crisis information format it the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A dialable number: digits with spaces, dots, hyphens or brackets between them, optionally
# starting with + or "(". Not glued to letters, so "0800-HELP" is no number and "24/7" (the
# slash is no separator) is two short ones.
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().\-]*\d(?![\w]|-[A-Za-z])")
_MIN_DIGITS = 3  # 112 and 113 are real numbers
# An address as entered: a full http(s) URL, or a bare domain such as www.113.nl/chat.
_URL = re.compile(
    r"https?://[^\s<>\"']+|(?<![@\w.\-/])(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?)"


@dataclass(frozen=True)
class CrisisLine:
    text: str
    href: str = ""  # "" when the line holds nothing to tap
    number: str = ""  # the number as written, kept on one line on the button

    @property
    def before(self) -> str:
        return self.text.partition(self.number)[0] if self.number else self.text

    @property
    def after(self) -> str:
        return self.text.partition(self.number)[2] if self.number else ""


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def tel_href(number: str) -> str:
    """'+31 (0)20 123 45 67' -> 'tel:+31201234567': digits and a leading + only."""
    number = number.strip()
    international = number.startswith("+")
    if international:
        number = number.replace("(0)", "")  # the trunk prefix is not dialled from abroad
    digits = re.sub(r"\D", "", number)
    return f"tel:{'+' if international else ''}{digits}"


def phone_number(line: str) -> str:
    """The number in a line: the candidate with the most digits, or ""."""
    best = ""
    for match in _PHONE.finditer(line):
        candidate = match.group().strip()
        if candidate.startswith("(") and ")" not in candidate:
            candidate = candidate[1:]
        if sum(ch.isdigit() for ch in candidate) > sum(ch.isdigit() for ch in best):
            best = candidate
    return best if sum(ch.isdigit() for ch in best) >= _MIN_DIGITS else ""


def chat_href(line: str) -> str:
    """The first address in a line as an https (or http, as entered) link, or ""."""
    match = _URL.search(line)
    if match is None:
        return ""
    address = match.group().rstrip(_TRAILING)
    if re.match(r"https?://", address, re.IGNORECASE):
        return address
    return f"https://{address}"


def phone_lines(text: str) -> list[CrisisLine]:
    lines = []
    for line in _lines(text):
        number = phone_number(line)
        lines.append(CrisisLine(line, tel_href(number), number) if number else CrisisLine(line))
    return lines


def chat_lines(text: str) -> list[CrisisLine]:
    return [CrisisLine(line, chat_href(line)) for line in _lines(text)]
