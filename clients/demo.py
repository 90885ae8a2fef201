"""The dates a client's demo history may use; shared by the apps' demo.py files.

seed_demo does not call a seed() here (clients' own demo data is made by the command itself);
the other apps import history_window so that nothing they invent predates the client's start,
and a discharged client's story ends at the discharge.
"""

from __future__ import annotations

from datetime import date, timedelta

from .models import Client, ClientStatus

# A discharged demo client stopped this long ago: no diary, check-ins or questionnaires since.
DISCHARGED_WEEKS_AGO = 2


def history_window(client: Client, today: date) -> tuple[date, date]:
    """(first, last) day on which the demo may date anything for `client`, both inclusive.

    last < first means there is no such day (the client starts after `today`).
    """
    last = today
    if client.status == ClientStatus.DISCHARGED:
        last = today - timedelta(weeks=DISCHARGED_WEEKS_AGO)
    return client.start_date, last
