"""What an audit event was about, in words: the `kind` keys the apps record, with labels.

The keys are stable data ("diary", "safety_plan"); the screen shows the label in the
reader's language. A key without a label shows as "Other" rather than as a raw key.
"""

from django.utils.translation import pgettext_lazy

KIND_LABELS = {
    "record": pgettext_lazy("audit kind", "Client record"),
    "client": pgettext_lazy("audit kind", "Client record"),
    "diary": pgettext_lazy("audit kind", "Diary"),
    "goals": pgettext_lazy("audit kind", "Goals"),
    "assessment": pgettext_lazy("audit kind", "Questionnaire results"),
    "learn": pgettext_lazy("audit kind", "Learn cards"),
    "export": pgettext_lazy("audit kind", "Data export"),
    "access_log": pgettext_lazy("audit kind", "Who looked at the record"),
    "erasure": pgettext_lazy("audit kind", "Erasure"),
    "safety_plan": pgettext_lazy("audit kind", "Safety plan"),
    "safety_alert": pgettext_lazy("audit kind", "Alert"),
    "safety_settings": pgettext_lazy("audit kind", "Safety settings"),
    # Two clients linked as partners: the couple page, a partner's side of the link.
    "couple": pgettext_lazy("audit kind", "Couple"),
    "sessions": pgettext_lazy("audit kind", "Planned sessions"),
    "session_note": pgettext_lazy("audit kind", "Session notes"),
    "milestones": pgettext_lazy("audit kind", "Milestones"),
    "calendar_feed": pgettext_lazy("audit kind", "Calendar feed"),
    # A failed login at the second step (a wrong authenticator or recovery code).
    "mfa": pgettext_lazy("audit kind", "Two-factor code"),
    # A record opened in the Django admin by an installation operator.
    "admin": pgettext_lazy("audit kind", "Django admin"),
}


def kind_label(kind: str) -> str:
    if not kind:
        return ""
    return str(KIND_LABELS.get(kind, pgettext_lazy("audit kind", "Other")))
