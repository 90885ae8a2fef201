"""The audit trail: who touched which client's data, when, how and from where.

An event never carries clinical content or a client's name, only ids, so erasing a client
never has to rewrite the trail, and the trail itself can be append-only: the model refuses
updates and deletes, and on PostgreSQL a trigger refuses them for any other code path too.
"""

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import kinds
from .scrub import scrub_path


class AuditAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    CHANGE = "change", _("Changed")
    DELETE = "delete", _("Deleted")
    EXPORT = "export", _("Exported")
    ERASE = "erase", _("Erased")
    DENIED = "denied", _("Refused access")
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", pgettext_lazy("audit action", "Logged out")
    LOGOUT_EVERYWHERE = "logout_all", _("Logged out everywhere")


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit events cannot be changed")

    def delete(self):
        raise AppendOnlyError("audit events cannot be deleted")


class AuditEvent(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now)
    # Plain references without database constraints or cascades: deleting or scrubbing a
    # user must never rewrite (or be blocked by) the trail.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_role = models.CharField(_("role"), max_length=16, blank=True)
    practice = models.ForeignKey(
        "accounts.Practice",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=16, choices=AuditAction.choices)
    kind = models.CharField(_("kind of record"), max_length=40, blank=True)
    # Only the id: an erased client's name must not survive here.
    client_id = models.BigIntegerField(pgettext_lazy("person in care", "client"), null=True, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    method = models.CharField(max_length=8, blank=True)
    path = models.CharField(_("path"), max_length=300, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["practice", "-at"], name="audit_practice_at"),
            models.Index(fields=["client_id", "-at"], name="audit_client_at"),
            models.Index(fields=["actor", "-at"], name="audit_actor_at"),
        ]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {self.kind} {self.client_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events cannot be deleted")

    @property
    def kind_label(self) -> str:
        return kinds.kind_label(self.kind)

    @property
    def page(self) -> str:
        """The path as it may be shown: rows from before the scrubbing rule may hold a token."""
        return scrub_path(self.path)


class Session(AbstractBaseSession):
    """Django's database session, plus the id of the user logged in to it (indexed).

    "Log out everywhere" and deactivation find a person's sessions by this column instead of
    decoding every session row. Filled by audit.session_store.SessionStore on every save;
    no foreign key, so a session row never blocks or cascades into deleting a user.
    """

    user_id = models.BigIntegerField(null=True, blank=True, db_index=True)

    class Meta(AbstractBaseSession.Meta):
        db_table = "audit_session"

    @classmethod
    def get_session_store_class(cls):
        from .session_store import SessionStore

        return SessionStore
