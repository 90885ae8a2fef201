"""The session store (SESSION_ENGINE): Django's database store on audit.Session, which keeps
the logged-in user's id in an indexed column, and remembers the expiry date its row had when
loaded.

The idle timeout moves that date forward on activity. Knowing it lets the middleware leave
the row alone when it was written moments ago, instead of writing the session (a
transaction with a commit) on every request.

The class keeps the name SessionStore: Django salts the signature of the session data with
the store's class name, so sessions written by the previous store still decode.
"""

import datetime as dt

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


def user_id_of(data: dict) -> int | None:
    try:
        return int(data.get("_auth_user_id"))
    except (TypeError, ValueError):
        return None


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
        row = super()._get_session_from_db()
        self.loaded_expiry = row.expire_date if row is not None else None
        return row
