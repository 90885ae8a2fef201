"""Caseload rows turned into table rows once per request.

Why not template tags: the caseload is the page therapists open most, and rendering forty
rows of a dozen cells through Django's template engine (a node, a context lookup and an
escape per cell, per-call locale lookups in |date and number formatting) cost more than
the SQL behind them. Here formats, words and the link pattern are looked up once per
request and each row is one `str.format` of the ROW markup below.

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
from django.utils.translation import ngettext

from assessments.display import format_change, format_score

from .selectors import FLAGS, CaseloadRow
from .templatetags.dashboard_tags import change_text, flag_label

SYMBOLS = {"improved": "▼", "worse": "▲", "no_change": "≈"}
CLASSES = {"improved": "sb-improved", "worse": "sb-worse", "no_change": "sb-nochange"}

ROW = (
    '<th scope="row"><a href="{url}">{name}</a></th>'
    "<td>{assessed}</td><td>{anxiety}</td><td>{avoidance}</td><td>{corner}</td>"
    '<td class="small">{change}</td><td>{due}</td><td>{diary}</td><td>{attempts}</td><td>{flags}</td></tr>\n'
)
ROWS = {True: '<tr class="sb-flagged">' + ROW, False: "<tr>" + ROW}
CHANGE = '<div>{} <span class="{}"><span aria-hidden="true">{}</span> {} <small>({})</small></span></div>'
CORNER = '{} <small class="text-muted">({} {}, {} {})</small>'
FLAG = '<span class="badge sb-flag sb-flag-{} d-block mb-1">{}</span>'


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
    badges = {flag: FLAG.format(flag, escape(flag_label(flag))) for flag in FLAGS}
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
                CHANGE.format(dim, CLASSES[ch.label], SYMBOLS[ch.label], f.signed(ch.difference), words[ch.label])
                for dim, ch in ((anx, r.change_anxiety), (avo, r.change_avoidance))
            )
        elif r.has_scores:
            change = baseline_only
        else:
            change = "—"
        if r.overdue_days:
            text = ngettext("%(days)s day overdue", "%(days)s days overdue", r.overdue_days) % {"days": r.overdue_days}
            due = f'<span class="sb-worse">{escape(text)}</span>'
        else:
            due = f.day(r.next_due)
        corner = (
            CORNER.format(escape(r.corner_label), anx, f.num(r.anxiety), avo, f.num(r.avoidance)) if r.corner else "—"
        )
        out.append(
            ROWS[bool(r.flags)].format(
                url=f"{link_before}{int(r.client.pk)}{link_after}",
                name=escape(r.client.display_name),
                assessed=f.day(r.last_assessed),
                anxiety=f.num(r.anxiety),
                avoidance=f.num(r.avoidance),
                corner=corner,
                change=change,
                due=due,
                diary=int(r.diary_recent),
                attempts=int(r.attempts_recent),
                flags="".join(badges[flag] for flag in r.flags) if r.flags else none_flag,
            )
        )
    return SafeString("".join(out))
