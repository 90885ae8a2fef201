"""Practices (tenants) and the people in them.

Every account belongs to exactly one practice. Email is unique across the whole system
because it is the login; an invitation to an address already used elsewhere is refused.
"""

import hashlib
import secrets
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone as dj_timezone
from django.utils.translation import gettext_lazy as _

TIMEZONE_CHOICES = [(tz, tz) for tz in sorted(zoneinfo.available_timezones()) if "/" in tz]


class Practice(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", _("Practice admin")
    THERAPIST = "therapist", _("Therapist")
    CLIENT = "client", _("Client")


class Language(models.TextChoices):
    EN = "en", _("English")
    NL = "nl", _("Dutch")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        # Superusers run the Django admin for the installation; they belong to no practice
        # and see no client pages (the access policy knows no role for them).
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    practice = models.ForeignKey(Practice, null=True, blank=True, on_delete=models.PROTECT, related_name="members")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, default=Language.EN)
    timezone = models.CharField(_("timezone"), max_length=64, choices=TIMEZONE_CHOICES, default="Europe/Amsterdam")
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=dj_timezone.now)
    deactivated_at = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["name", "email"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(practice__isnull=True, role="")
                | models.Q(practice__isnull=False) & ~models.Q(role=""),
                name="user_role_needs_practice",
            )
        ]
        # The practice admin's lists of therapists and admins, in name order: a practice of
        # 10,000 clients has 10,000 users, and with only the practice index PostgreSQL read
        # them all to find its 200 therapists. Partial (staff rows only): it is small, and a
        # query that does not ask for a staff role (the client search) cannot use it.
        indexes = [
            models.Index(
                fields=["practice", "role", "name", "email", "id"],
                name="user_practice_staff_name_idx",
                condition=models.Q(role__in=[Role.THERAPIST, Role.ADMIN]),
            )
        ]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name or self.email

    @property
    def is_therapist(self) -> bool:
        return self.role == Role.THERAPIST

    @property
    def is_client(self) -> bool:
        return self.role == Role.CLIENT


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """What is stored of an invitation token: its SHA-256 (hex). The raw token exists only in
    the emailed link, so a copy of the database (or an admin page) cannot open an invitation.
    A 256-bit random token needs no salt or slow hash: nobody can guess their way back."""
    return hashlib.sha256(token.encode()).hexdigest()


def _default_expiry():
    return dj_timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)


class Invitation(models.Model):
    """A single-use, expiring link that lets someone set a password in a practice."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, default=Language.EN)
    # For a client invitation: the therapist the new client record starts with.
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(default=_default_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations"
    )

    # The raw token, in memory only: set when a link is made (new invitation or resend), so
    # the email can be written; an invitation read from the database has none.
    token: str | None = None

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} ({self.role})"

    def save(self, *args, **kwargs):
        if not self.token_hash:
            self.new_token()
        super().save(*args, **kwargs)

    def new_token(self) -> str:
        """A fresh link: the old one stops working once this is saved."""
        self.token = _new_token()
        self.token_hash = hash_token(self.token)
        return self.token

    @property
    def is_expired(self) -> bool:
        return dj_timezone.now() >= self.expires_at
