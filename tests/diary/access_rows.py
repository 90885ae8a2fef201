"""Access-matrix rows for every diary URL.

client_a has a SHARED entry (entry_a) and an UNSHARED one (entry_a_private). Their
therapist gets 200 on the shared entry and 404 on the private one — the same answer as for
an entry that does not exist, so nothing is guessable.
"""

from diary.models import Emotion
from diary.services import create_entry, share_pattern
from tests.access.matrix import FORBIDDEN, NOT_ALLOWED, OK, REDIRECT, Row, expect, role_page


def extend_world(world) -> None:
    if "entry_a" in world.extra:
        return
    world.extra["entry_a"], _ = create_entry(
        world.client_a, emotions=[(Emotion.JEALOUS, 7)], shared=True, what_happened="shared text"
    )
    world.extra["entry_a_private"], _ = create_entry(
        world.client_a, emotions=[(Emotion.LONELY, 6)], shared=False, what_happened="private text"
    )


def _shared(w):
    return {"pk": w.extra["entry_a"].pk}


def _private(w):
    return {"pk": w.extra["entry_a_private"].pk}


def _client_a(w):
    return {"pk": w.client_a.pk}


def _client_a_map_shared(w):
    # Called once before the roles are walked: this row sees client_a's map shared.
    share_pattern(w.client_a)
    return _client_a(w)


def _post_only(kwargs=None) -> Row:
    return Row(kwargs=kwargs, expect=expect(default=NOT_ALLOWED), notes="require_POST answers GET before access")


ROWS = {
    "diary:entry_list": Row(expect=role_page("client")),
    "diary:quick_entry": Row(expect=role_page("client")),
    "diary:entry_new": Row(expect=role_page("client")),
    "diary:summary": Row(expect=role_page("client")),
    "diary:sync": Row(expect=role_page("client"), notes="who is logged in, for the offline queue"),
    "diary:sharing": Row(expect=role_page("client")),
    "diary:share_from": Row(
        method="post",
        data=lambda w: {"share_from": "2026-01-05"},
        expect=expect(default=FORBIDDEN, client_a=REDIRECT, client_b=REDIRECT),
    ),
    "diary:share_from:get": _post_only(),
    "diary:stop_share_from": Row(method="post", expect=expect(default=FORBIDDEN, client_a=REDIRECT, client_b=REDIRECT)),
    "diary:stop_share_from:get": _post_only(),
    "diary:entry_detail": Row(kwargs=_shared, expect=expect(client_a=OK, therapist_a=OK)),
    # The ':get' slot holds a second GET row for the same URL: the UNSHARED entry.
    "diary:entry_detail:get": Row(
        kwargs=_private, expect=expect(client_a=OK), notes="unshared entry: its own therapist gets 404"
    ),
    "diary:entry_edit": Row(kwargs=_shared, expect=expect(client_a=OK)),
    "diary:entry_delete": Row(kwargs=_shared, expect=expect(client_a=OK)),
    "diary:entry_share": Row(kwargs=_private, method="post", expect=expect(client_a=REDIRECT)),
    "diary:entry_share:get": _post_only(_private),
    "diary:entry_unshare": Row(kwargs=_shared, method="post", expect=expect(client_a=REDIRECT)),
    "diary:entry_unshare:get": _post_only(_shared),
    "diary:comment_add": Row(
        kwargs=_shared,
        method="post",
        data=lambda w: {"body": "Thank you for sharing."},
        expect=expect(therapist_a=REDIRECT),
    ),
    "diary:comment_add:get": _post_only(_shared),
    "diary:pattern": Row(expect=role_page("client"), notes="each client's own map; no id in the URL"),
    "diary:pattern_share": Row(method="post", expect=expect(default=FORBIDDEN, client_a=REDIRECT, client_b=REDIRECT)),
    "diary:pattern_share:get": _post_only(),
    "diary:pattern_unshare": Row(method="post", expect=expect(default=FORBIDDEN, client_a=REDIRECT, client_b=REDIRECT)),
    "diary:pattern_unshare:get": _post_only(),
    "diary:client_pattern": Row(
        kwargs=_client_a, expect=expect(client_a=REDIRECT), notes="map not shared: its own therapist gets 404"
    ),
    "diary:client_pattern:get": Row(
        kwargs=_client_a_map_shared,
        expect=expect(client_a=REDIRECT, therapist_a=OK),
        notes="map shared: only the client's own therapist sees it",
    ),
    "diary:client_entries": Row(
        kwargs=lambda w: {"pk": w.client_a.pk}, expect=expect(client_a=REDIRECT, therapist_a=OK)
    ),
}
