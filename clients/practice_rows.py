"""The practice admin's client list rows, written once per request.

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

from .models import Client, ClientStatus

ROW = (
    '<tr><td><a href="{url}">{name}</a>{deactivated}</td>\n'
    '        <td data-label="{l_therapist}">{therapist}</td><td data-label="{l_status}">{status}</td>'
    '<td data-label="{l_since}">{since}</td></tr>\n'
)


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
