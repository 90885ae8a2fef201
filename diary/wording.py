"""The "I feel … when … because … I need …" words of an entry, as the reader sees them.

The client types the parts in whatever language they use securebase in; the glue words
("I feel", "when", "omdat", …) come from the reader's language. Glued together across two
languages they read as nonsense ("Ik voel me sad when…"), so the words become one sentence
only when the reader's language is the one they were written in, and labelled parts
otherwise, including when that language is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language, gettext, pgettext

# (field, label, clause) — the clause wraps the client's own words in the reader's language.
PARTS = (
    ("i_feel", lambda: gettext("I feel …"), lambda v: pgettext("in words", "I feel %(feel)s") % {"feel": v}),
    ("when", lambda: gettext("when …"), lambda v: pgettext("in words", "when %(when)s") % {"when": v}),
    ("because", lambda: gettext("because …"), lambda v: pgettext("in words", "because %(because)s") % {"because": v}),
    ("i_need", lambda: gettext("I need …"), lambda v: pgettext("in words", "I need %(need)s") % {"need": v}),
)


@dataclass(frozen=True)
class InWords:
    sentence: str  # empty when the parts must be shown apart
    parts: list[tuple[str, str]]  # (label in the reader's language, the client's words)

    def __bool__(self) -> bool:
        return bool(self.parts)


def in_words(entry, language: str | None = None) -> InWords:
    """The entry's words for a reader in `language` (default: the active language)."""
    reader = (language or get_language() or "")[:2]
    values = {field: (getattr(entry, field) or "").strip() for field, _label, _clause in PARTS}
    parts = [(label(), values[field]) for field, label, _clause in PARTS if values[field]]
    if not parts or not entry.language or entry.language[:2] != reader:
        return InWords("", parts)
    return InWords(_sentence(values), parts)


def _sentence(values: dict[str, str]) -> str:
    clauses = [clause(values[field].rstrip(".!?;, ")) for field, _label, clause in PARTS[:3] if values[field]]
    sentences = [_capitalised(" ".join(clauses)) + "."] if clauses else []
    if values["i_need"]:
        sentences.append(_capitalised(PARTS[3][2](values["i_need"].rstrip(".!?;, "))) + ".")
    return " ".join(sentences)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
