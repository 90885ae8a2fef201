"""Narrow, named ways to learn which practice an anonymous link belongs to.

A visitor following an invitation link is not logged in, so the request acts for no practice
and the invitation row is invisible. The one function below asks PostgreSQL, through a
SECURITY DEFINER function owned by the migrating role, for the practice of exactly one
invitation, by the hash of its token; nothing else of the row. The view then acts for that
practice (scope.acting_for_practice). Unsubscribe links carry a signed user id, and users are
not row-secured, so they need no function here.
"""

from __future__ import annotations

from functools import wraps

from django.db import connections

from .scope import acting_for_practice, enforced

INVITATION_FUNCTION = """
CREATE OR REPLACE FUNCTION securebase_invitation_practice(token_hash text) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$ SELECT practice_id FROM accounts_invitation WHERE accounts_invitation.token_hash = $1 $$
"""


def create_functions(cursor, app_role: str | None) -> None:
    cursor.execute(INVITATION_FUNCTION)
    cursor.execute("REVOKE ALL ON FUNCTION securebase_invitation_practice(text) FROM PUBLIC")
    if app_role:
        quoted = '"' + app_role.replace('"', '""') + '"'
        cursor.execute(f"GRANT EXECUTE ON FUNCTION securebase_invitation_practice(text) TO {quoted}")


def invitation_practice(token_hash: str, using: str = "default") -> int | None:
    """The practice of the invitation with this token hash, or None."""
    if not enforced(using):
        return None
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT securebase_invitation_practice(%s)", [token_hash])
        return cursor.fetchone()[0]


def acting_for_invitation(view):
    """View decorator for the invitation link: the view acts for the invitation's practice.

    The visitor is anonymous, so without this the invitation (and everything accepting it
    writes) is out of sight. An unknown token acts for no practice: the view finds nothing.
    """

    @wraps(view)
    def wrapped(request, token: str, *args, **kwargs):
        from accounts.models import hash_token

        practice_id = invitation_practice(hash_token(token)) if token and len(token) <= 64 else None
        with acting_for_practice(practice_id):
            return view(request, token, *args, **kwargs)

    return wrapped
