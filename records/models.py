"""What erasure keeps because the practice must by law (settings.ERASURE_KEEP)."""

from django.db import models
from django.utils import timezone


class RetainedRecord(models.Model):
    """Rows of one kind (e.g. assessment scores) copied aside before a client is erased.

    Apps erase their own tables wholesale; whatever kinds the retention setting names are
    taken from the app's own export first, so the law's part survives without the app
    having to know about retention. Only the client's id is kept, never their name.
    """

    practice = models.ForeignKey("accounts.Practice", on_delete=models.PROTECT, related_name="+")
    client_id = models.BigIntegerField()
    kind = models.CharField(max_length=60)
    rows = models.JSONField(default=list)
    retained_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["client_id", "kind"]
        constraints = [models.UniqueConstraint(fields=["client_id", "kind"], name="one_retained_record_per_kind")]

    def __str__(self) -> str:
        return f"client {self.client_id}: {self.kind} ({len(self.rows)})"
