"""Safety-net data for the records app's export and erasure (see records/discovery.py)."""

from clients.access import relation

from .models import Alert, ClientSafetySettings, CrisisPrompt, SafetyPlan
from .selectors import visible_alerts

PLAN_FIELDS = [
    "warning_signs", "coping_steps", "people_and_places", "people_to_ask", "professionals",
    "safe_environment", "reasons_to_live",
]  # fmt: skip


def export_rows(client, viewer) -> dict[str, list[dict]]:
    rel = relation(viewer, client)
    if rel not in ("self", "therapist"):
        return {}
    plan = SafetyPlan.objects.filter(client=client).first()
    plans = [{"updated_at": plan.updated_at, **{f: getattr(plan, f) for f in PLAN_FIELDS}}] if plan else []
    # The therapist's export follows the therapist's view: alerts of unshared entries stay out.
    alerts = visible_alerts(viewer, [client]) if rel == "therapist" else Alert.objects.filter(client=client)
    settings = ClientSafetySettings.objects.filter(client=client).first()
    return {
        "safety_plan": plans,
        "safety_alerts": [
            {"kind": a.kind, "event_date": a.event_date, "created_at": a.created_at, "status": a.status,
             "note": a.note, "acknowledged_at": a.acknowledged_at}
            for a in alerts.order_by("created_at")
        ],
        "safety_settings": [
            {"alerts_enabled": settings.alerts_enabled,
             "tell_therapist_private_distress": settings.tell_therapist_private_distress}
        ] if settings else [],
    }  # fmt: skip


def erase(client, keep: tuple[str, ...] = ()) -> dict[str, int]:
    return {
        "safety_plans": SafetyPlan.objects.filter(client=client).delete()[0],
        "alert_notes_cleared": Alert.objects.filter(client=client).update(note=""),
        "crisis_prompts": CrisisPrompt.objects.filter(client=client).delete()[0],
    }
