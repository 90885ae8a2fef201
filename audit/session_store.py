"""Django's database session store, remembering the expiry date its row had when loaded.

The idle timeout moves that date forward on activity. Knowing it lets the middleware leave
the row alone when it was written moments ago, instead of writing the session (a
transaction with a commit) on every request.
"""

import datetime as dt

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    loaded_expiry: dt.datetime | None = None

    def _get_session_from_db(self):
        row = super()._get_session_from_db()
        self.loaded_expiry = row.expire_date if row is not None else None
        return row
