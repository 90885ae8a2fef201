"""Building one client's data export: JSON and CSV per kind, FHIR for assessments, in a zip.

What goes in is decided in two layers. Each domain app's `export_rows(client, viewer)` returns
only what the viewer may see (the diary app returns shared entries only to a therapist). On
top of that this module applies the access policy once more, so a mistake in one app cannot
widen an export:

- the client (self) gets everything the apps return, plus their access log;
- the client's therapist gets what the apps return, minus any diary row marked unshared;
- a practice admin has no clinical access in the policy (clients.access: no VIEW_CLINICAL),
  so an admin export carries the record itself (profile, therapist history, session dates)
  and, from the apps, only the kinds on an allow-list (reminders sent: operational, not
  clinical). An allow-list fails closed: a new app's data stays out of admin exports until
  someone decides it belongs there. Scores, answers, diary and goals never go to an admin;
  an admin answering a client's access request re-invites the client to take their own.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from audit.models import AuditAction, AuditEvent
from clients.access import relation
from clients.models import Client

from .discovery import export_modules
from .fhir import assessment_resources

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_VISIBLE_ACTIONS = (AuditAction.VIEW, AuditAction.CHANGE, AuditAction.EXPORT, AuditAction.DELETE, AuditAction.ERASE)


def profile_rows(client: Client, viewer) -> dict[str, list[dict]]:
    user = client.user
    rows = {
        "profile": [
            {
                "client_id": client.pk,
                "display_name": client.display_name,
                "email": user.email,
                "date_of_birth": client.date_of_birth,
                "status": client.status,
                "start_date": client.start_date,
                "therapist": str(client.therapist) if client.therapist else "",
                "language": user.language,
                "timezone": user.timezone,
                "results_visible_to_client": client.results_visible_to_client,
            }
        ],
        "therapist_history": [
            {
                "therapist": str(a.therapist),
                "assigned_at": a.assigned_at,
                "ended_at": a.ended_at,
            }
            for a in client.assignments.select_related("therapist").order_by("assigned_at")
        ],
        "sessions_held": [
            {"held_on": s.held_on, **({"note": s.note} if relation(viewer, client) == "therapist" else {})}
            for s in client.sessions.order_by("held_on")
        ],
    }
    if relation(viewer, client) == "self":
        rows["access_log"] = access_log_rows(client)
    return rows


def access_log_rows(client: Client) -> list[dict]:
    events = (
        AuditEvent.objects.filter(client_id=client.pk, practice_id=client.practice_id, action__in=_VISIBLE_ACTIONS)
        .exclude(actor_id=client.user_id)
        .select_related("actor")
        .order_by("at")
    )
    return [
        {"when": e.at, "who": str(e.actor) if e.actor else "", "role": e.actor_role, "action": e.action, "kind": e.kind}
        for e in events
    ]


# Kinds (by name prefix) a practice admin's export may carry from the domain apps.
ADMIN_KIND_PREFIXES = ("reminder", "notification")


def _allowed(kind: str, row: dict, rel: str | None) -> bool:
    if rel == "self":
        return True
    if rel == "admin":
        return kind.startswith(ADMIN_KIND_PREFIXES)
    if "diary" in kind:
        if rel != "therapist":
            return False
        # Belt and braces over the diary app's own filter: nothing marked unshared leaves.
        for flag in ("shared", "is_shared", "shared_with_therapist"):
            if flag in row and not row[flag]:
                return False
    return rel == "therapist"


def collect(client: Client, viewer) -> dict[str, list[dict]]:
    rel = relation(viewer, client)
    if rel is None:
        return {}
    rows: dict[str, list[dict]] = {}
    for module in export_modules():
        provider = getattr(module, "export_rows", None)
        if provider is None:
            continue
        for kind, items in (provider(client, viewer) or {}).items():
            kept = [dict(row) for row in items if _allowed(kind, row, rel)]
            if kept or rel == "self":
                rows.setdefault(kind, []).extend(kept)
    for kind, items in profile_rows(client, viewer).items():
        rows.setdefault(kind, items)
    return rows


# Excel takes its CSV list separator and decimal mark from the regional settings: Dutch
# Windows splits on ';' and reads '3.5' as text or a date, so a Dutch user's file follows them.
CSV_CONVENTIONS = {"nl": {"delimiter": ";", "decimal": ","}}
CSV_DEFAULT = {"delimiter": ",", "decimal": "."}
# Without a byte order mark Excel reads UTF-8 as the ANSI code page ("ZoÃ«").
UTF8_BOM = "\ufeff"


def csv_conventions(language: str | None) -> dict[str, str]:
    return CSV_CONVENTIONS.get((language or "").split("-")[0], CSV_DEFAULT)


def _cell(value, decimal: str = ".") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, Decimal)):
        # A number is never a formula, negative or not; only its decimal mark is regional.
        return str(value).replace(".", decimal)
    if isinstance(value, (dict, list)):
        value = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    elif isinstance(value, datetime):
        value = value.isoformat()
    value = str(value)
    # Spreadsheets run cells that start like a formula; a diary line must not become one.
    if value.startswith(_FORMULA_START):
        value = "'" + value
    return value


def to_csv(items: list[dict], *, language: str | None = None) -> bytes:
    """One kind as CSV that Excel opens as it is, in the conventions of the exporting user's language."""
    conventions = csv_conventions(language)
    columns: list[str] = []
    for row in items:
        for key in row:
            if key not in columns:
                columns.append(key)
    out = io.StringIO()
    out.write(UTF8_BOM)
    writer = csv.writer(out, delimiter=conventions["delimiter"])
    writer.writerow(columns)
    for row in items:
        writer.writerow([_cell(row.get(column), conventions["decimal"]) for column in columns])
    return out.getvalue().encode("utf-8")


def build_zip(client: Client, viewer) -> bytes:
    rows = collect(client, viewer)
    buffer = io.BytesIO()
    now = timezone.now()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        manifest = {
            "client_id": client.pk,
            "exported_at": now,
            "exported_for_role": relation(viewer, client),
            "kinds": {kind: len(items) for kind, items in rows.items()},
            "formats": "one JSON and one CSV file per kind; assessments also as FHIR R4 in fhir/",
        }
        archive.writestr("manifest.json", json.dumps(manifest, cls=DjangoJSONEncoder, indent=2))
        for kind, items in sorted(rows.items()):
            archive.writestr(
                f"json/{kind}.json", json.dumps(items, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
            )
            archive.writestr(f"csv/{kind}.csv", to_csv(items, language=getattr(viewer, "language", None)))
        resources = assessment_resources(rows, client.pk)
        for resource in resources:
            archive.writestr(
                f"fhir/{resource['resourceType']}-{resource['id']}.json",
                json.dumps(resource, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
            )
        bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": r} for r in resources]}
        archive.writestr("fhir/bundle.json", json.dumps(bundle, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False))
    return buffer.getvalue()


def filename(client: Client) -> str:
    return f"securebase-client-{client.pk}-{timezone.localdate():%Y%m%d}.zip"
