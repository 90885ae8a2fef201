"""Assessments as FHIR R4: one Questionnaire per instrument, one QuestionnaireResponse each time.

Built from the assessments app's export rows (administrations and their item answers) and its
instrument data (item texts, answer labels). An instrument whose data file is gone (a retired
questionnaire in old records) is exported with bare items; any other error surfaces. Keys are
read tolerantly (`item_number` or `item`, `administration_id` or `administration`) because the
rows are that app's to shape.

Spec: https://hl7.org/fhir/R4/questionnaire.html, https://hl7.org/fhir/R4/questionnaireresponse.html
"""

from __future__ import annotations

from django.conf import settings

from assessments.loader import InstrumentError, get_instrument


def _instrument(slug: str):
    try:
        return get_instrument(slug)
    except InstrumentError:  # no data file for this slug (e.g. a retired instrument): bare items
        return None


def _first(row: dict, *keys):
    for key in keys:
        if key in row and row[key] not in (None, ""):
            return row[key]
    return None


def _base() -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/") + "/fhir"


def _administrations(rows: dict[str, list[dict]]) -> list[dict]:
    """One row per administration: rows that name an instrument and are not single answers.

    If the export has a kind named after administrations, only that kind counts (a scores
    kind names the instrument too and would double every response).
    """
    kinds = [k for k in rows if "assessment" in k or "administration" in k]
    preferred = [k for k in kinds if "administration" in k]
    found, seen = [], set()
    for kind in preferred or kinds:
        for row in rows[kind]:
            if "instrument" not in row or "answer" in row:
                continue
            key = _first(row, "administration_id", "id", "administration")
            if key is not None and key in seen:
                continue
            seen.add(key)
            found.append(row)
    return found


def _answers(rows: dict[str, list[dict]]) -> dict:
    """administration id -> {item number: answer} from flat answer rows."""
    by_admin: dict = {}
    for kind, items in rows.items():
        if not any(word in kind for word in ("assessment", "response", "answer", "administration")):
            continue
        for row in items:
            number = _first(row, "item_number", "item")
            answer = row.get("answer")
            admin = _first(row, "administration_id", "administration")
            if number is None or answer is None or admin is None:
                continue
            by_admin.setdefault(str(admin), {})[int(number)] = answer
    return by_admin


def questionnaire(slug: str, numbers: list[int]) -> dict:
    instrument = _instrument(slug)
    resource = {
        "resourceType": "Questionnaire",
        "id": slug,
        "url": f"{_base()}/Questionnaire/{slug}",
        "status": "active",
        "name": slug.replace("-", "_").upper(),
        "title": slug,
        "subjectType": ["Patient"],
        "item": [],
    }
    if instrument is not None:
        resource["title"] = instrument.name("en")
        resource["version"] = instrument.version
        resource["description"] = instrument.citation
        options = [
            {"valueCoding": {"code": str(point), "display": instrument.scale_label(point, "en")}}
            if point in instrument.scale_labels
            else {"valueCoding": {"code": str(point)}}
            for point in instrument.points
        ]
        for item in instrument.items:
            resource["item"].append(
                {
                    "linkId": str(item.number),
                    "text": item.text("en"),
                    "type": "choice",
                    "required": True,
                    "answerOption": options,
                }
            )
    else:
        resource["item"] = [{"linkId": str(n), "type": "choice"} for n in sorted(numbers)]
    return resource


def assessment_resources(rows: dict[str, list[dict]], client_id: int) -> list[dict]:
    """Questionnaire (one per instrument) and QuestionnaireResponse resources for one client."""
    answers = _answers(rows)
    responses, numbers_by_instrument = [], {}
    for row in _administrations(rows):
        slug = str(row["instrument"])
        admin_id = str(_first(row, "administration_id", "id", "administration") or len(responses) + 1)
        given = answers.get(admin_id, {})
        nested = row.get("answers") or row.get("responses")
        if isinstance(nested, dict):
            given = {int(k): v for k, v in nested.items()}
        elif isinstance(nested, list):
            given = {int(_first(a, "item_number", "item")): a.get("answer") for a in nested}
        numbers_by_instrument.setdefault(slug, set()).update(given)
        instrument = _instrument(slug)
        items = []
        for number in sorted(given):
            item = {"linkId": str(number), "answer": [{"valueCoding": {"code": str(given[number])}}]}
            if instrument is not None:
                try:
                    item["text"] = instrument.item(number).text("en")
                except KeyError:
                    pass
            items.append(item)
        submitted = _first(row, "submitted_at", "completed_at")
        resource = {
            "resourceType": "QuestionnaireResponse",
            "id": f"{slug}-{admin_id}",
            "questionnaire": f"{_base()}/Questionnaire/{slug}",
            "status": "completed" if submitted else "in-progress",
            "subject": {"identifier": {"system": f"{_base()}/client", "value": str(client_id)}},
            "item": items,
        }
        if submitted:
            resource["authored"] = str(submitted)
        if row.get("target"):
            resource["extension"] = [
                {"url": f"{_base()}/StructureDefinition/relationship-target", "valueString": str(row["target"])}
            ]
        responses.append(resource)
    questionnaires = [questionnaire(slug, sorted(numbers)) for slug, numbers in sorted(numbers_by_instrument.items())]
    return questionnaires + responses
