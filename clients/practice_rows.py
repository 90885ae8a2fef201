"""The practice admin's list rows (client list, People), written once per request.

Why not the template loop: fifty rows of five cells through Django's template engine (a
node, a context lookup and an escape per cell, a reverse() per link, a choices lookup per
status) were the biggest part of the client list's CPU once its queries were cheap. Here
words, the date format and the link pattern are looked up once and each row is one
`str.format`. Every text passes `html.escape` (what the template's autoescape does).
tests/clients/test_admin_lists_at_scale.py holds the markup to the template loop's.
"""

from __future__ import annotations

from html import escape

from django.urls import reverse
from django.utils import dateformat, formats
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .models import Client, ClientStatus

ROW = (
    '<tr><td><a href="{url}">{name}</a>{deactivated}</td>\n'
    '        <td data-label="{l_therapist}">{therapist}</td><td data-label="{l_status}">{status}</td>'
    '<td data-label="{l_since}">{since}</td></tr>\n'
)


# People: a person's account cells, the same for therapists and clients (by login state).
ACCOUNT = (
    '<td class="d-none d-md-table-cell">{state}</td>\n'
    '        <td><a class="btn btn-sm btn-outline-{tone}" href="{url}">{action}</a></td></tr>\n    '
)
THERAPIST_ROW = (
    '\n      <tr><td>{name}{deactivated}<div class="small text-muted d-md-none">{email}</div></td>'
    '<td class="d-none d-md-table-cell">{email}</td><td data-label="{l_clients}">{open_clients}</td>\n        '
)
PEOPLE_CLIENT_ROW = (
    '\n      <tr><td><a href="{url}">{name}</a>{deactivated}<div class="small text-muted d-md-none">{therapist}</div>'
    '</td><td class="d-none d-md-table-cell">{therapist}</td><td data-label="{l_status}">{status}</td>\n        '
)


def _link(name: str):
    """The URL pattern once, the id spliced in: reverse() per row costs more than the row."""
    marker = 987654321
    before, after = escape(reverse(name, args=[marker])).split(str(marker))
    return lambda pk: f"{before}{int(pk)}{after}"


class _Account:
    """The state badge and the (de)activate button for a login, words and links looked up once."""

    def __init__(self):
        deactivated = escape(_("Deactivated"))
        self.phone_badge = f' <span class="badge text-bg-secondary d-md-none">{deactivated}</span>'
        self.active = f'<span class="badge text-bg-success">{escape(_("Active"))}</span>'
        self.inactive = f'<span class="badge text-bg-secondary">{deactivated}</span>'
        self.deactivate, self.reactivate = escape(pgettext("account", "Deactivate")), escape(_("Reactivate"))
        self.deactivate_url = _link("practice_person_deactivate")
        self.reactivate_url = _link("practice_person_reactivate")

    def cells(self, active: bool, user_id: int) -> str:
        if active:
            return ACCOUNT.format(
                state=self.active, tone="danger", url=self.deactivate_url(user_id), action=self.deactivate
            )
        return ACCOUNT.format(
            state=self.inactive, tone="success", url=self.reactivate_url(user_id), action=self.reactivate
        )


def therapist_rows_html(therapists) -> SafeString:
    """People: one `<tr>` per therapist of the page (open_clients annotated)."""
    account, label = _Account(), escape(_("Clients"))
    out = [
        THERAPIST_ROW.format(
            name=escape(t.name or t.email),
            deactivated="" if t.is_active else account.phone_badge,
            email=escape(t.email),
            l_clients=label,
            open_clients=int(t.open_clients),
        )
        + account.cells(t.is_active, t.pk)
        for t in therapists
    ]
    return SafeString("".join(out))


def people_client_rows_html(clients) -> SafeString:
    """People: one `<tr>` per client shown (client.user and client.therapist selected)."""
    account, label = _Account(), escape(_("Status"))
    statuses = {value: escape(str(text)) for value, text in ClientStatus.choices}
    edit = _link("practice_client_edit")
    out = [
        PEOPLE_CLIENT_ROW.format(
            url=edit(c.pk),
            name=escape(c.display_name),
            deactivated="" if c.user.is_active else account.phone_badge,
            therapist=escape(str(c.therapist)) if c.therapist else "—",
            l_status=label,
            status=statuses.get(c.status, escape(c.status)),
        )
        + account.cells(c.user.is_active, c.user_id)
        for c in clients
    ]
    return SafeString("".join(out))


def client_rows_html(clients: list[Client]) -> SafeString:
    """One `<tr>` per client of the shown page (client.user and client.therapist selected)."""
    labels = {"l_therapist": escape(_("Therapist")), "l_status": escape(_("Status")), "l_since": escape(_("Since"))}
    statuses = {value: escape(str(label)) for value, label in ClientStatus.choices}
    badge = ' <span class="badge text-bg-secondary">{}</span>'.format(escape(_("Deactivated")))
    date_format = formats.get_format("SHORT_DATE_FORMAT")
    marker = 987654321
    link_before, link_after = escape(reverse("practice_client_edit", args=[marker])).split(str(marker))
    out = []
    for c in clients:
        out.append(
            ROW.format(
                url=f"{link_before}{int(c.pk)}{link_after}",
                name=escape(c.display_name),
                deactivated="" if c.user.is_active else badge,
                therapist=escape(str(c.therapist)) if c.therapist else "—",
                status=statuses.get(c.status, escape(c.status)),
                since=escape(dateformat.format(c.start_date, date_format)) if c.start_date else "",
                **labels,
            )
        )
    return SafeString("".join(out))
