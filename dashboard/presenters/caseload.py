"""Caseload rows turned into table rows once per request.

Why not template tags: the caseload is the page therapists open most, and rendering forty
rows of a dozen cells through Django's template engine (a node, a context lookup and an
escape per cell, per-call locale lookups in |date and number formatting) cost more than
the SQL behind them. Here formats, words and the link pattern are looked up once per
request and each row is one `str.format` of the row markup (`_row_template`, built once).
Re-timed against the same rows through a compiled (cached) template in
bench/caseload_orm_vs_sql.py: the template took 5 to 9 times as long.

Escaping: every text that reaches a row passes `html.escape` (what django.utils.html.escape
does, without its lazy-string wrapper, which was half the cost here) — names, translated
words and formatted dates alike; numbers and counts are formatted by this module.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from django.urls import reverse
from django.utils import dateformat, formats, timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from assessments import change as rc
from assessments.display import format_change, format_score

from ..selectors import FLAGS, CaseloadRow
from ..templatetags.dashboard_tags import change_text, flag_label, flag_short

# The change marks' arrows and classes: assessments.change's, as on every other page.
SYMBOLS = rc.ARROWS
CLASSES = rc.CSS

# (key, cell class) per data column after the client's name, in table order.
CELLS = (
    ("assessed", "sb-date"),
    ("scores", "sb-scores"),
    ("change", "sb-change"),
    ("due", "sb-due"),
    ("diary", "sb-num"),
    ("attempts", "sb-num"),
    ("flags", "sb-flags"),
)
NAME_CELL = '<th scope="row"><a href="{url}">{name}</a></th>'
# Both scores on one line, the corner they fall in underneath: read together, as they should be.
SCORES = '<span class="text-nowrap">{} <span class="text-muted">/</span> {}</span><div class="sb-corner">{}</div>'
CHANGE = (
    '<div class="text-nowrap">{} <span class="{}" title="{}"><span aria-hidden="true">{}</span> {}'
    '<span class="visually-hidden"> ({})</span></span></div>'
)
FLAG = (
    '<span class="badge sb-flag sb-flag-{}" title="{}"><span aria-hidden="true">{}</span>'
    '<span class="visually-hidden">{}</span></span> '
)


def change_legend() -> list[dict]:
    """What the change column's marks mean (its cells spell the words out for screen readers only)."""
    return [{"symbol": SYMBOLS[k], "css": CLASSES[k], "word": change_text(k)} for k in SYMBOLS]


def caseload_columns() -> list[dict]:
    """The caseload's column headings, short enough for two lines at 1366 px. `parts` are
    (sort key, label): the scores column sorts by either score. Rows repeat the headings as
    data-label for the phone layout, where each row becomes a card."""
    seven = pgettext("caseload column", "7 days")
    return [
        {"key": "name", "parts": [("name", _("Client"))], "sub": ""},
        {"key": "assessed", "parts": [("assessed", _("Last assessment"))], "sub": ""},
        {
            "key": "scores",
            "parts": [("anxiety", _("Anxiety")), ("avoidance", _("Avoidance"))],
            "sub": pgettext("caseload column", "Corner"),
        },
        {"key": "change", "parts": [("change", _("Change since baseline"))], "sub": ""},
        {"key": "due", "parts": [("due", _("Next questionnaire"))], "sub": ""},
        {"key": "diary", "parts": [("diary", pgettext("caseload column", "Diary"))], "sub": seven},
        {"key": "attempts", "parts": [("attempts", _("Goal attempts"))], "sub": seven},
        {"key": "flags", "parts": [("flags", _("Flags"))], "sub": ""},
    ]


def _row_template() -> str:
    """The markup of one row with the headings spliced in once per request."""
    labels = {
        c["key"]: escape(" / ".join(label for _key, label in c["parts"]) + (f" ({c['sub']})" if c["sub"] else ""))
        for c in caseload_columns()
    }
    cells = "".join(f'<td class="{cls}" data-label="{labels[key]}">{{{key}}}</td>' for key, cls in CELLS)
    return NAME_CELL + cells + "</tr>\n"


class Formatter:
    """Numbers and dates in the active language, with the format looked up once."""

    def __init__(self):
        self.sep = formats.get_format("DECIMAL_SEPARATOR")
        self.date_fmt = formats.get_format("SHORT_DATE_FORMAT")
        self._days: dict[dt.date, str] = {}

    def num(self, value) -> str:
        return escape(format_score(value, sep=self.sep))

    def signed(self, value: float) -> str:
        return escape(format_change(value, sep=self.sep))

    def day(self, value) -> str:
        if value is None:
            return "—"
        if isinstance(value, dt.datetime):
            value = timezone.localtime(value).date()
        text = self._days.get(value)
        if text is None:
            text = self._days[value] = escape(dateformat.format(value, self.date_fmt))
        return text


def caseload_rows_html(rows: list[CaseloadRow]) -> SafeString:
    """One `<tr>` per caseload row; see the module docstring for what is escaped where."""
    f = Formatter()
    anx, avo = escape(_("anx.")), escape(_("avo."))
    words = {label: escape(change_text(label)) for label in SYMBOLS}
    badges = {
        flag: FLAG.format(flag, escape(flag_label(flag)), escape(flag_short(flag)), escape(flag_label(flag)))
        for flag in FLAGS
    }
    row = _row_template()
    rows_html = {True: '<tr class="sb-flagged">' + row, False: "<tr>" + row}
    none_flag = '<span class="visually-hidden">{}</span>'.format(escape(_("none")))
    baseline_only = '<span class="text-muted">{}</span>'.format(escape(_("baseline only")))
    # The link pattern once, the client id spliced in: reverse() per row was a tenth of the page.
    marker = 987654321
    link = escape(reverse("dashboard:client_progress", args=[marker]))
    link_before, link_after = link.split(str(marker))
    out = []
    for r in rows:
        if r.change_anxiety and r.change_avoidance:
            change = "".join(
                CHANGE.format(
                    dim,
                    CLASSES[ch.label],
                    words[ch.label],
                    SYMBOLS[ch.label],
                    f.signed(ch.difference),
                    words[ch.label],
                )
                for dim, ch in ((anx, r.change_anxiety), (avo, r.change_avoidance))
            )
        elif r.has_scores:
            change = baseline_only
        else:
            change = "—"
        if r.overdue_days:
            text = ngettext("%(days)s day overdue", "%(days)s days overdue", r.overdue_days) % {"days": r.overdue_days}
            due = f'<span class="sb-worse text-nowrap">{escape(text)}</span>'
        else:
            due = f.day(r.next_due)
        corner = escape(r.corner_label) if r.corner else "—"
        out.append(
            rows_html[bool(r.flags)].format(
                url=f"{link_before}{int(r.client_id)}{link_after}",
                name=escape(r.display_name),
                assessed=f.day(r.last_assessed),
                scores=SCORES.format(f.num(r.anxiety), f.num(r.avoidance), corner) if r.has_scores else "—",
                change=change,
                due=due,
                diary=int(r.diary_recent),
                attempts=int(r.attempts_recent),
                flags="".join(badges[flag] for flag in r.flags) if r.flags else none_flag,
            )
        )
    return SafeString("".join(out))
