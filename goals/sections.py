"""Panels this app puts on shared pages (registered in GoalsConfig.ready)."""

from clients.access import Action, can
from clients.home import MISSING, home_fact

from . import selectors


def home_section(request, client) -> dict | None:
    """The client's home: active goals whose weekly target is not yet reached."""
    if not can(request.user, Action.WRITE_OWN, client):
        return None
    rows = home_fact(request, "goals_due")
    due = selectors.due_this_week(client) if rows is MISSING else selectors.due_from_fact(rows)
    if not due:
        return None
    return {"template": "goals/_home_section.html", "context": {"due": due}, "order": 30}


def record_section(request, client) -> dict | None:
    """The therapist's client page: goals, this week's attempts, streaks and the GAS T-score."""
    if not can(request.user, Action.VIEW_CLINICAL, client):
        return None
    goals = list(selectors.goals_for(client))
    progress = selectors.progress_for_goals(goals)
    return {
        "template": "goals/_record_section.html",
        "context": {
            "client": client,
            "rows": [(goal, progress[goal.pk]) for goal in goals],
            "gas_score": selectors.gas_t_score_for(client),
        },
        "order": 30,
    }
