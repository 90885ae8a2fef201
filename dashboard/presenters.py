"""Caseload rows turned into display strings once per request.

Why not template filters: a caseload row has a dozen formatted cells, and Django's per-node
template cost (and per-call locale lookups in |date and number formatting) made rendering
the largest part of the page. Formats are looked up once here; the template only prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import dateformat, formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .selectors import CaseloadRow
from .templatetags.dashboard_tags import change_text, flag_label

SYMBOLS = {"improved": "▼", "worse": "▲", "no_change": "≈"}
CLASSES = {"improved": "sb-improved", "worse": "sb-worse", "no_change": "sb-nochange"}


@dataclass
class CaseloadCells:
    row: CaseloadRow
    url: str
    name: str
    last_assessed: str
    anxiety: str
    avoidance: str
    corner: SafeString | str
    change: SafeString | str
    due: SafeString | str
    diary: int
    attempts: int
    flags: list[tuple[str, str]]


class Formatter:
    def __init__(self):
        self.sep = formats.get_format("DECIMAL_SEPARATOR")
        self.date_fmt = formats.get_format("SHORT_DATE_FORMAT")

    def num(self, value) -> str:
        return "—" if value is None else f"{float(value):.2f}".replace(".", self.sep)

    def signed(self, value: float) -> str:
        return ("+" if value > 0 else "") + self.num(value)

    def day(self, value) -> str:
        if value is None:
            return "—"
        if isinstance(value, dt.datetime):
            value = timezone.localtime(value)
        return dateformat.format(value, self.date_fmt)


def caseload_cells(rows: list[CaseloadRow]) -> list[CaseloadCells]:
    f = Formatter()
    anx, avo = _("anx."), _("avo.")
    words = {label: change_text(label) for label in SYMBOLS}
    flag_names = {}
    cells = []
    for r in rows:
        if r.change_anxiety:
            change = format_html(
                '<div>{} <span class="{}"><span aria-hidden="true">{}</span> {} <small>({})</small></span></div>'
                '<div>{} <span class="{}"><span aria-hidden="true">{}</span> {} <small>({})</small></span></div>',
                anx,
                CLASSES[r.change_anxiety.label],
                SYMBOLS[r.change_anxiety.label],
                f.signed(r.change_anxiety.difference),
                words[r.change_anxiety.label],
                avo,
                CLASSES[r.change_avoidance.label],
                SYMBOLS[r.change_avoidance.label],
                f.signed(r.change_avoidance.difference),
                words[r.change_avoidance.label],
            )
        elif r.has_scores:
            change = format_html('<span class="text-muted">{}</span>', _("baseline only"))
        else:
            change = "—"
        if r.overdue_days:
            due = format_html(
                '<span class="sb-worse">{}</span>',
                ngettext("%(days)s day overdue", "%(days)s days overdue", r.overdue_days) % {"days": r.overdue_days},
            )
        else:
            due = f.day(r.next_due)
        corner = (
            format_html(
                '{} <small class="text-muted">({} {}, {} {})</small>',
                r.corner_label,
                anx,
                f.num(r.anxiety),
                avo,
                f.num(r.avoidance),
            )
            if r.corner
            else "—"
        )
        for flag in r.flags:
            flag_names.setdefault(flag, flag_label(flag))
        cells.append(
            CaseloadCells(
                row=r,
                url=reverse("dashboard:client_progress", args=[r.client.pk]),
                name=r.client.display_name,
                last_assessed=f.day(r.last_assessed),
                anxiety=f.num(r.anxiety),
                avoidance=f.num(r.avoidance),
                corner=corner,
                change=change,
                due=due,
                diary=r.diary_recent,
                attempts=r.attempts_recent,
                flags=[(flag, flag_names[flag]) for flag in r.flags],
            )
        )
    return cells
