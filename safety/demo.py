"""Demo crisis information and one safety plan for `manage.py seed_demo` (idempotent)."""

from .models import CrisisInfo, SafetyPlan

CRISIS = {
    "phone_lines_en": "Practice (office hours): 020 123 45 67\nSuicide prevention line 113: 0800-0113 (free, 24/7)",
    "phone_lines_nl": "Praktijk (kantooruren): 020 123 45 67\n113 Zelfmoordpreventie: 0800-0113 (gratis, 24/7)",
    "text_lines_en": "Chat with 113 at www.113.nl",
    "text_lines_nl": "Chat met 113 via www.113.nl",
    "opening_hours_en": "Monday to Friday, 9:00–17:00",
    "opening_hours_nl": "Maandag tot en met vrijdag, 9.00–17.00 uur",
    "out_of_hours_en": "Outside office hours call your GP out-of-hours service (huisartsenpost), or 112 in danger.",
    "out_of_hours_nl": "Buiten kantooruren: bel de huisartsenpost, of 112 bij gevaar.",
}


# The demo client's own words, in her language (the plan is hers, not the practice's).
PLAN = {
    "en": {
        "warning_signs": "I stop answering messages and stay in bed.",
        "coping_steps": "Walk around the block; breathing exercise; write in my diary.",
        "people_and_places": "The library café; a walk in the park with the neighbour's dog.",
        "people_to_ask": "My sister; my friend Sam.",
        "professionals": "My therapist during office hours; 113 at night.",
        "safe_environment": "Leave my phone in the kitchen at night; ask my sister to keep the spare pills.",
        "reasons_to_live": "My sister's children; finishing my course.",
    },
    "nl": {
        "warning_signs": "Ik reageer niet meer op berichten en blijf in bed liggen.",
        "coping_steps": "Een rondje om het blok lopen; een ademhalingsoefening; in mijn dagboek schrijven.",
        "people_and_places": "Het café in de bibliotheek; een wandeling in het park met de hond van de buren.",
        "people_to_ask": "Mijn zus; mijn vriendin Sam.",
        "professionals": "Mijn therapeut tijdens kantooruren; 113 in de nacht.",
        "safe_environment": "'s Nachts mijn telefoon in de keuken laten; mijn zus de reservemedicijnen laten bewaren.",
        "reasons_to_live": "De kinderen van mijn zus; mijn opleiding afmaken.",
    },
}


def seed(practice, *, therapists, clients, today) -> None:
    CrisisInfo.objects.get_or_create(practice=practice, defaults=CRISIS)
    if clients:
        client = clients[0]
        words = PLAN.get(client.user.language, PLAN["en"])
        SafetyPlan.objects.get_or_create(client=client, defaults={**words, "version": 1})
