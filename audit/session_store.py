"""The session store (SESSION_ENGINE): Django's database store on audit.Session, which keeps
the logged-in user's id in an indexed column, and remembers the expiry date its row had when
loaded.

The idle timeout moves that date forward on activity. Knowing it lets the middleware leave
the row alone when it was written moments ago, instead of writing the session (a
transaction with a commit) on every request.

Every request reads its session row with the same query, so its SQL is compiled once per
connection (config.compiled_query).

The class keeps the name SessionStore: Django salts the signature of the session data with
the store's class name, so sessions written by the previous store still decode.
"""

import datetime as dt

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone

from config.compiled_query import CompiledQuery


def user_id_of(data: dict) -> int | None:
    try:
        return int(data.get("_auth_user_id"))
    except (TypeError, ValueError):
        return None


def _open_session(session_key, now):
    from .models import Session

    return Session.objects.filter(session_key=session_key, expire_date__gt=now)[:1]


OPEN_SESSION = CompiledQuery(_open_session, str, dt.datetime)


class SessionStore(DatabaseSessionStore):
    loaded_expiry: dt.datetime | None = None

    @classmethod
    def get_model_class(cls):
        from .models import Session

        return Session

    def create_model_instance(self, data):
        row = super().create_model_instance(data)
        row.user_id = user_id_of(data)
        return row

    def _get_session_from_db(self):
        # Django's own: the row of this key that has not expired, else forget the key.
        row = OPEN_SESSION.first(self.session_key, timezone.now())
        if row is None:
            self._session_key = None
        self.loaded_expiry = row.expire_date if row is not None else None
        return row
