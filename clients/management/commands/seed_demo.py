"""Demo data for `make run`: one practice, its people, and a few weeks of history.

Idempotent: everything is looked up by a stable key (practice slug, email, client user,
session date) before it is created, so a second run adds nothing. Domain apps add their own
history through `<app>.demo.seed(practice, *, therapists, clients, today)`, which must be
idempotent too.

The passwords and TOTP secrets below are public on purpose: this data is for a laptop demo,
never for a real installation.
"""

import importlib
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as clock

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules, module_has_submodule

from accounts.localtime import zone_of
from accounts.models import Practice, Role, User
from clients.demo import history_window
from clients.models import Client, ClientStatus, TherapistAssignment
from clients.services import assign_therapist, record_session

DEMO_PASSWORD = "veilige-haven-demo"
PRACTICE_SLUG = "de-veilige-haven"
PRACTICE_NAME = "Praktijk De Veilige Haven"


@dataclass(frozen=True)
class Person:
    email: str
    name: str
    role: str
    language: str = "nl"
    totp_secret: str = ""


# Fixed base32 secrets (32 characters) so `make run` can print them for an authenticator app.
ADMIN = Person("beheer@veiligehaven.example", "Marieke Hoekstra", Role.ADMIN, "nl", "DEMOADMINVEILIGEHAVENSECRETAAAAA")
THERAPISTS = [
    Person("sanne@veiligehaven.example", "Sanne de Vries", Role.THERAPIST, "nl", "DEMOSANNEVEILIGEHAVENSECRETBBBBB"),
    Person("james@veiligehaven.example", "James Okafor", Role.THERAPIST, "en", "DEMOJAMESVEILIGEHAVENSECRETCCCCC"),
]
# (person, therapist index, status, weeks in therapy)
CLIENTS = [
    (Person("lotte@client.example", "Lotte Jansen", Role.CLIENT, "nl"), 0, ClientStatus.ACTIVE, 6),
    (Person("daan@client.example", "Daan Bakker", Role.CLIENT, "nl"), 0, ClientStatus.ACTIVE, 5),
    (Person("emma@client.example", "Emma Visser", Role.CLIENT, "nl"), 0, ClientStatus.ACTIVE, 4),
    (Person("noah@client.example", "Noah Smit", Role.CLIENT, "nl"), 0, ClientStatus.PAUSED, 8),
    (Person("olivia@client.example", "Olivia Bennett", Role.CLIENT, "en"), 1, ClientStatus.ACTIVE, 6),
    (Person("aisha@client.example", "Aisha Rahman", Role.CLIENT, "en"), 1, ClientStatus.ACTIVE, 3),
    (Person("thomas@client.example", "Thomas Mulder", Role.CLIENT, "nl"), 1, ClientStatus.ACTIVE, 5),
    (Person("sophie@client.example", "Sophie Meijer", Role.CLIENT, "nl"), 1, ClientStatus.DISCHARGED, 12),
]
# Clients who changed therapist: email -> (first therapist's index, weeks before the change),
# so the assignment history has something to show.
REASSIGNED = {"thomas@client.example": (0, 2)}


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


class Command(BaseCommand):
    help = "Create (once) the demo practice with an admin, two therapists, eight clients and their history."

    def handle(self, *args, **options):
        today = timezone.localdate()
        self.created = 0
        with transaction.atomic():
            practice, created = Practice.objects.get_or_create(slug=PRACTICE_SLUG, defaults={"name": PRACTICE_NAME})
            self.created += created
            admin = self._user(practice, ADMIN)
            therapists = [self._user(practice, person) for person in THERAPISTS]
            clients = [
                self._client(practice, person, therapists[index], admin, status, today - timedelta(weeks=weeks))
                for person, index, status, weeks in CLIENTS
            ]
            for client in clients:
                self._sessions(client, today)
        self._seed_domain_apps(practice, therapists, clients, today)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({self.created} new records in accounts and clients)."))
        self._print_logins()

    def _user(self, practice: Practice, person: Person) -> User:
        user = User.objects.filter(email=person.email).first()
        if user is None:
            user = User.objects.create_user(
                email=person.email,
                password=DEMO_PASSWORD,
                name=person.name,
                practice=practice,
                role=person.role,
                language=person.language,
            )
            self.created += 1
        _, created = EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        self.created += created
        if person.totp_secret and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, person.totp_secret)
            RecoveryCodes.activate(user)
            self.created += 1
        return user

    def _client(self, practice, person: Person, therapist: User, admin: User, status: str, start) -> Client:
        user = self._user(practice, person)
        client, created = Client.objects.get_or_create(
            user=user,
            defaults={"practice": practice, "display_name": person.name, "status": status, "start_date": start},
        )
        self.created += created
        if client.therapist_id is None:
            self._assign(client, therapist, admin, person.email)
            client.refresh_from_db()
        return client

    def _assign(self, client: Client, therapist: User, admin: User, email: str) -> None:
        """The assignment history, dated from the client's start (demo data may be back-dated)."""
        zone = zone_of(client.user)
        moments = [datetime.combine(client.start_date, clock(9, 0), zone)]
        if email in REASSIGNED:
            first_index, weeks = REASSIGNED[email]
            first = User.objects.filter(practice=client.practice, role=Role.THERAPIST).order_by("pk")[first_index]
            if first.pk != therapist.pk:
                assign_therapist(client, first, by=admin)
                moments.append(datetime.combine(client.start_date + timedelta(weeks=weeks), clock(9, 0), zone))
        assign_therapist(client, therapist, by=admin)
        rows = list(TherapistAssignment.objects.filter(client=client).order_by("pk"))
        for row, assigned_at, ended_at in zip(rows, moments, [*moments[1:], None], strict=True):
            TherapistAssignment.objects.filter(pk=row.pk).update(assigned_at=assigned_at, ended_at=ended_at)

    def _sessions(self, client: Client, today) -> None:
        """Weekly sessions since the start (fortnightly for a paused client), at most six."""
        first, last = history_window(client, today)
        history = list(TherapistAssignment.objects.filter(client=client).order_by("assigned_at"))
        day = first
        held = 0
        while day < today and day <= last and held < 6:
            # Held by whoever was the client's therapist that day.
            therapist = next(
                (a.therapist for a in reversed(history) if timezone.localdate(a.assigned_at) <= day), client.therapist
            )
            record_session(client, therapist=therapist, held_on=day)
            day += timedelta(weeks=2 if client.status == ClientStatus.PAUSED else 1)
            held += 1

    def _seed_domain_apps(self, practice, therapists, clients, today) -> None:
        autodiscover_modules("demo")
        for app_config in apps.get_app_configs():
            if app_config.name == "clients" or not module_has_submodule(app_config.module, "demo"):
                continue
            module = importlib.import_module(f"{app_config.name}.demo")
            seed = getattr(module, "seed", None)
            if not callable(seed):
                continue
            try:
                with transaction.atomic():
                    seed(practice, therapists=therapists, clients=clients, today=today)
            except Exception as error:  # noqa: BLE001 - one app's demo must not stop `make run`
                self.stderr.write(f"Demo data of {app_config.label} failed and was skipped: {error!r}")
            else:
                self.stdout.write(f"Demo history added by {app_config.label}.")

    def _print_logins(self) -> None:
        out = self.stdout
        out.write("")
        out.write(f"Demo logins for {PRACTICE_NAME} (password for everyone: {DEMO_PASSWORD})")
        out.write(f"{'email':34} {'role':10} {'TOTP secret':34} code now")
        for person in [ADMIN, *THERAPISTS, *(c[0] for c in CLIENTS)]:
            secret = person.totp_secret or "-"
            code = current_code(person.totp_secret) if person.totp_secret else ""
            out.write(f"{person.email:34} {person.role:10} {secret:34} {code}")
        out.write("Staff log in with a TOTP code: add the secret to an authenticator app, or use the code")
        out.write("printed above within 30 seconds (each code works once). Clients need no code.")
        out.write(f"Open {settings.SITE_URL}/ (links in emails point there too).")
        sys.stdout.flush()
