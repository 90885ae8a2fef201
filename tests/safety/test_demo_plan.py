"""The demo safety plan is written in the client's own language."""

import pytest
from django.utils import timezone

from accounts.models import User
from safety import demo
from safety.models import SafetyPlan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "warning_signs"),
    [
        ("nl", "Ik reageer niet meer op berichten en blijf in bed liggen."),
        ("en", "I stop answering messages and stay in bed."),
    ],
)
def test_the_demo_safety_plan_is_in_the_clients_language(world, language, warning_signs):
    User.objects.filter(pk=world.client_a.user.pk).update(language=language)
    world.client_a.user.refresh_from_db()
    demo.seed(world.practice, therapists=[world.therapist_a], clients=[world.client_a], today=timezone.localdate())
    plan = SafetyPlan.objects.get(client=world.client_a)
    assert plan.warning_signs == warning_signs
    fields = ["warning_signs", "coping_steps", "people_and_places", "people_to_ask", "professionals"]
    fields += ["safe_environment", "reasons_to_live"]
    texts = [getattr(plan, name) for name in fields]
    assert all(texts)  # every step of the plan filled in, so the demo shows a whole plan
    if language == "nl":
        assert not any(english in text for text in texts for english in ("My ", "Walk", "therapist", " the "))
