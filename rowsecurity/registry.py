"""Which tables hold a practice's data, and how each row reaches its practice.

Every table listed in PRACTICE_TABLES gets a PostgreSQL row-level security policy on its
practice (see policies.py), applied on every `migrate`. The value is a Django lookup path from
the model to `accounts.Practice`, following foreign keys: "practice" for a table with its own
practice column, "client__practice" for one that belongs to a client, "entry__client__practice"
for one further down. Many-to-many tables are named "<app>.<Model>_<field>".

A new table whose rows lead to a practice must be added here (or to EXEMPT, with the reason):
tests/rowsecurity/test_registry.py fails for a table that is in neither.
"""

PRACTICE_TABLES: dict[str, str] = {
    "accounts.Invitation": "practice",
    "clients.Client": "practice",
    "clients.TherapistAssignment": "client__practice",
    "clients.TherapySession": "client__practice",
    "learn.PracticeCard": "practice",
    "learn.CardChoice": "client__practice",
    "assessments.AssessmentSchedule": "client__practice",
    "assessments.AssessmentRequest": "client__practice",
    "assessments.Administration": "client__practice",
    "assessments.Response": "administration__client__practice",
    "assessments.Score": "client__practice",
    "assessments.ReliabilitySetting": "practice",
    "assessments.BaselineOption": "practice",
    "diary.DiaryEntry": "client__practice",
    "diary.DiaryEntry_pattern_tags": "diaryentry__client__practice",
    "diary.EntryEmotion": "entry__client__practice",
    "diary.Comment": "entry__client__practice",
    "diary.DiarySettings": "client__practice",
    "goals.Goal": "client__practice",
    "goals.Step": "goal__client__practice",
    "goals.CheckIn": "client__practice",
    "goals.GASRating": "goal__client__practice",
    "safety.PracticeSafetySettings": "practice",
    "safety.ClientSafetySettings": "client__practice",
    "safety.CrisisInfo": "practice",
    "safety.SafetyPlan": "client__practice",
    "safety.Alert": "client__practice",
    "safety.CrisisPrompt": "client__practice",
    "reminders.ReminderPreference": "user__practice",
    "reminders.ReminderOccurrence": "recipient__practice",
    "reminders.Notification": "recipient__practice",
    "reminders.Delivery": "occurrence__recipient__practice",
    "push.PushSubscription": "user__practice",
    "appointments.SessionSeries": "client__practice",
    "appointments.PlannedSession": "client__practice",
    "appointments.SessionNote": "client__practice",
    "appointments.Milestone": "client__practice",
    "appointments.PracticeSessionSettings": "practice",
    "audit.AuditEvent": "practice",
    "records.RetainedRecord": "practice",
    "relationships.CoupleLink": "practice",
    "relationships.CoupleGoal": "link__practice",
    "relationships.CoupleEntryShare": "link__practice",
}

# Tables that lead to a practice but are deliberately left without a policy, and why.
EXEMPT: dict[str, str] = {
    "accounts.Practice": "the practices themselves (name, slug): read to choose which practice to act for",
    "accounts.User": "identity: read by e-mail at login and by id from the session, before any practice is known",
    "accounts.User_groups": "identity (Django permissions), read with the user",
    "accounts.User_user_permissions": "identity (Django permissions), read with the user",
    "account.EmailAddress": "identity: allauth reads it at login, sign-up and password reset, before any practice",
    "account.EmailConfirmation": "identity: e-mail confirmation links, read before any practice",
    "mfa.Authenticator": "identity: the second factor is checked before the login (and its practice) is complete",
    "usersessions.UserSession": "identity: a person's devices, written while logging in",
    "appointments.CalendarFeed": "a token hash and a therapist id, looked up by an anonymous calendar link",
    "audit.Session": "identity: the login session, read by its key before any practice is known (a user id, no data)",
    "admin.LogEntry": "the Django admin's own change log, written by superusers who belong to no practice",
}

# Jobs beat starts without a practice. Each runs once per practice (each_practice), each time
# acting for that practice; see tasks.py. A new periodic task must be listed here, or act for
# practices itself (tests/rowsecurity/test_tasks.py checks the beat schedule).
PRACTICE_SPANNING_TASKS: set[str] = {
    "reminders.sweep",
    "reminders.requeue",
    "reminders.prune",
    "safety.scan",
    "safety.escalate",
    "assessments.generate_due_requests",
}
