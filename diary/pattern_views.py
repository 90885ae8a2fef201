"""The pattern map: the client's own page, sharing it in one tap, and the therapist's view.

The client's map counts every entry they wrote; the therapist's is drawn from the entries
``selectors.visible_entries`` shows them (shared ones), so private entries change nothing
a therapist sees. Whether the therapist may open it at all is ``clients.access.can_see_shared``.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.localtime import zone_of
from accounts.models import Role
from clients.access import Action, can_see_shared, get_client, own_client, role_required

from . import pattern, selectors, services
from .models import Emotion, Reaction, WithWhom

# Bar chart geometry (SVG user units; the picture scales to the page width).
CHART_WIDTH = 360
BAR_LEFT = 96
BAR_HEIGHT = 14
BAR_GAP = 4
GROUP_GAP = 14
LABEL_HEIGHT = 18
EMOTIONS_PER_REACTION = 3


def _chart(pmap: pattern.PatternMap) -> dict:
    """Per reaction a group of bars, one per month shown (count of entries)."""
    top = max(pmap.by_month.values(), default=0) or 1
    scale = (CHART_WIDTH - BAR_LEFT - 24) / top
    groups, y = [], 0
    for code in pmap.reactions:
        label_y = y + LABEL_HEIGHT - 4
        y += LABEL_HEIGHT
        bars = []
        for shade, month in enumerate(pmap.months):
            count = pmap.by_month.get((code, month), 0)
            width = round(count * scale, 1)
            bars.append(
                {
                    "month": pattern.month_label(month),
                    "short": pattern.short_month_label(month),
                    "count": count,
                    "y": y,
                    "text_y": y + BAR_HEIGHT - 3,
                    "width": width,
                    "value_x": BAR_LEFT + width + 4,
                    "shade": 5 - min(5, len(pmap.months) - 1 - shade),
                }
            )
            y += BAR_HEIGHT + BAR_GAP
        groups.append({"label": Reaction(code).label, "label_y": label_y, "bars": bars})
        y += GROUP_GAP
    return {"width": CHART_WIDTH, "height": max(y, 1), "bar_left": BAR_LEFT, "bar_height": BAR_HEIGHT, "groups": groups}


def _table(pmap: pattern.PatternMap) -> list[dict]:
    rows = []
    for code in pmap.reactions:
        emotions = sorted(
            ((n, emotion) for (reaction, emotion), n in pmap.by_emotion.items() if reaction == code),
            key=lambda pair: (-pair[0], Emotion.values.index(pair[1]) if pair[1] in Emotion.values else 99),
        )
        rows.append(
            {
                "label": Reaction(code).label,
                "total": pmap.by_reaction[code],
                "people": [pmap.by_person.get((code, person), 0) for person in pmap.people],
                "months": [pmap.by_month.get((code, month), 0) for month in pmap.months],
                "safety": pmap.safety.get(code),
                "emotions": [
                    {"label": Emotion(emotion).label, "count": n}
                    for n, emotion in emotions[:EMOTIONS_PER_REACTION]
                    if emotion in Emotion.values
                ],
            }
        )
    return rows


def _map_context(viewer, client) -> dict:
    rows = selectors.pattern_rows(selectors.visible_entries(viewer, client), zone_of(client.user))
    pmap = pattern.build_map(rows)
    return {
        "client": client,
        "pmap": pmap,
        "sentences": pattern.sentences(pmap),
        "chart": _chart(pmap),
        "table": _table(pmap),
        "people": [WithWhom(person).label for person in pmap.people],
        "months": [
            {"long": pattern.month_label(month), "short": pattern.short_month_label(month)} for month in pmap.months
        ],
        "shared_at": selectors.pattern_shared_at(client),
    }


@role_required(Role.CLIENT)
def pattern_page(request):
    client = own_client(request.user, kind="diary")
    return render(request, "diary/pattern.html", {**_map_context(request.user, client), "is_own": True})


@require_POST
@role_required(Role.CLIENT)
def pattern_share(request):
    client = own_client(request.user, kind="diary")
    services.share_pattern(client)
    messages.success(request, _("Your therapist can now see your pattern map, drawn from the entries you shared."))
    return redirect("diary:pattern")


@require_POST
@role_required(Role.CLIENT)
def pattern_unshare(request):
    client = own_client(request.user, kind="diary")
    services.unshare_pattern(client)
    messages.success(request, _("Your pattern map is yours alone again; your therapist no longer sees it."))
    return redirect("diary:pattern")


def client_pattern(request, pk: int):
    """The therapist's view of a map the client shared (404 while it is not shared)."""
    client = get_client(request.user, pk, Action.VIEW_CLINICAL, kind="diary")
    if request.user.role == Role.CLIENT:
        return redirect("diary:pattern")
    if not can_see_shared(request.user, client, selectors.pattern_shared_at(client) is not None):
        raise Http404
    return render(request, "diary/pattern.html", {**_map_context(request.user, client), "is_own": False})
