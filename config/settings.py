"""The one settings module for securebase.

Every value that differs between a laptop, CI and production comes from the environment,
with a default that is safe for local development (SQLite, Celery eager, console email).
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config.hosts import served_at
from config.resilience import CELERY_RESILIENCE, postgres_options

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The development key only exists so `make run` works out of the box; production must set
# SECRET_KEY, and `check --deploy` in CI fails on this insecure default.
SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-dev-only-key-change-me")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# `make run HOST=…`: links and accepted hosts follow the development server's address (an
# explicit SITE_URL still wins).
if os.environ.get("RUN_HOST"):
    _run_origin, _run_hosts = served_at(os.environ["RUN_HOST"])
    SITE_URL = os.environ.get("SITE_URL", _run_origin).rstrip("/")
    ALLOWED_HOSTS += [host for host in _run_hosts if host not in ALLOWED_HOSTS]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    # Before the other apps: its login receiver must run first (rowsecurity/apps.py).
    "rowsecurity",
    "accounts",
    "clients",
    "appointments",
    "learn",
    "assessments",
    "diary",
    "goals",
    "safety",
    "reminders",
    "dashboard",
    "audit",
    "records",
    "push",
    "pwa",
    "relationships",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything that queries (sessions, the practice scope): a request that met a
    # database outage answers 503 with Retry-After, one log line, no traceback.
    "config.outage.DatabaseOutageMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # PostgreSQL: the rest of the request is one transaction acting for the user's practice
    # (row-level security, rowsecurity/). No-op on SQLite.
    "rowsecurity.middleware.PracticeScopeMiddleware",
    # Idle timeout by role; before anything that may answer early (MFA enrolment).
    "audit.middleware.SessionIdleTimeoutMiddleware",
    # Default deny: every view needs a login unless it is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "accounts.middleware.UserPreferencesMiddleware",
    "accounts.middleware.RequireStaffMFAMiddleware",
    # The request context the audit hook in clients.access reads.
    "audit.middleware.AuditContextMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                # Before the menu: a client's record and the menu's and banner's facts in one query.
                "clients.context_processors.client_page_facts",
                "accounts.context_processors.navigation",
                "safety.context_processors.safety",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
# SQLite (the quick start) with concurrent requests: by default a transaction starts
# read-only and fails with "database is locked" at once when it needs to write while another
# one writes (waiting cannot help a deferred transaction). Taking the write lock at BEGIN makes
# writers queue for up to `timeout` seconds instead; WAL lets readers go on meanwhile.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# PostgreSQL that stops answering holds no web process for long (config/resilience.py).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["OPTIONS"] = postgres_options(os.environ, DATABASES["default"].get("OPTIONS", {}))
# Parallel test runs (several developers on one PostgreSQL) need distinct test databases.
if os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
# Behind PgBouncer in transaction pooling (DATABASE_POOLING=transaction) each transaction may
# get another server connection: no server-side cursors (.iterator() then fetches client-side),
# and no startup options, which PgBouncer refuses: set the timeouts on the role instead
# (README, "Running at scale"). Queries are bound client-side, and nothing is prepared
# (config.compiled_query prepares a statement per session only on a direct connection).
if os.environ.get("DATABASE_POOLING") == "transaction":
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    DATABASES["default"]["PREPARED_STATEMENTS"] = False
    DATABASES["default"].get("OPTIONS", {}).pop("options", None)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    # Django's and allauth's, loading two-factor enrolment with the user (accounts/backends.py).
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nl", _("Dutch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# "en" with day-before-month dates and a 24-hour clock (config/formats/en/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Amsterdam"

# --- Static files (served by the app itself: no CDN) ---------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Tests and `make run` serve straight from the finders; production runs collectstatic.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", not env_bool("STATIC_MANIFEST", False))
WHITENOISE_AUTOREFRESH = DEBUG
# Files browsers ask for at the site's root (favicon.ico, apple-touch-icon.png).
WHITENOISE_ROOT = BASE_DIR / "webroot"

# --- Accounts (django-allauth) -----------------------------------------------------------
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "confirm_email": "1/3m/key",
    # Ours (accounts): invitation emails a practice admin may send, counting resends.
    "send_invitation": "30/h/user",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[securebase] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
# Passkeys: client login without a password, staff second factor (accounts/passkeys.py). WebAuthn
# needs https, or http://localhost in development (browsers refuse 127.0.0.1 as relying party).
MFA_PASSKEY_LOGIN_ENABLED = True
# Keeps the enrolment secret across reloads and second tabs (allauth makes a new one per GET).
# A person reads the code, then types it: one 30-second step either side is accepted (RFC 6238
# section 5.2), so a code that turns over while being typed still works. Reuse stays refused.
MFA_TOTP_TOLERANCE = 1
MFA_FORMS = {"activate_totp": "accounts.mfa.ActivateTOTPForm", "add_webauthn": "accounts.passkeys.AddPasskeyForm"}
MFA_TOTP_ISSUER = "securebase"
MFA_RECOVERY_CODE_COUNT = 10
INVITATION_VALID_DAYS = 7

# Web push (push/): the VAPID pair from `manage.py vapid_keys` (unset: push off), and the only push
# services the server POSTs to (any other address could make it call into the local network).
VAPID_PRIVATE_KEY, VAPID_PUBLIC_KEY = os.environ.get("VAPID_PRIVATE_KEY", ""), os.environ.get("VAPID_PUBLIC_KEY", "")
VAPID_SUBJECT = os.environ.get("VAPID_SUBJECT", "")  # mailto: or https: contact; default SITE_URL
_PUSH_SERVICES = "fcm.googleapis.com,updates.push.services.mozilla.com,push.apple.com,notify.windows.com"
PUSH_SERVICE_HOSTS = env_list("PUSH_SERVICE_HOSTS", _PUSH_SERVICES)
PUSH_ALLOW_HTTP = env_bool("PUSH_ALLOW_HTTP", False)  # tests only: a stand-in push service on http

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Email ----------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Only read by the file-based backend (the reminder worker tests count the messages it writes).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "sent_emails"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "securebase <noreply@securebase.local>")

# --- Cache ----------------------------------------------------------------------------------
# Rate limits (allauth) and used-TOTP-code tracking live in the cache, so production with
# several gunicorn workers needs a shared one: CACHE_URL=redis://…  The default, per-process
# memory, is right for one development process and keeps test runs independent.
# While that Redis is away, config.cache falls back to this process's memory (login keeps working).
if os.environ.get("CACHE_URL"):
    CACHES = {"default": {"BACKEND": "config.cache.FallbackRedisCache", "LOCATION": os.environ["CACHE_URL"]}}

# --- Celery ---------------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL or "memory://localhost//")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", REDIS_URL or "cache+memory://")
# Without a broker (the zero-setup default) tasks run inline so the app still works.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not (REDIS_URL or os.environ.get("CELERY_BROKER_URL")))
CELERY_TASK_EAGER_PROPAGATES = True
# Workers survive a broker outage; publishing gives up quickly (config/resilience.py).
globals().update(CELERY_RESILIENCE)
# Parallel test runs share one Redis; each run's worker listens on its own queue (tests/worker.py).
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE: dict = {
    # Every minute; a sweep still queued after its minute is useless (the next
    # one catches up), hence expires.
    "reminders-sweep": {"task": "reminders.sweep", "schedule": 60.0, "options": {"expires": 55}},
    # Re-enqueues reminders whose task message was lost or whose worker died, well within a minute.
    "reminders-requeue": {"task": "reminders.requeue", "schedule": 15.0, "options": {"expires": 14}},
    "reminders-prune": {"task": "reminders.prune", "schedule": 24 * 3600.0},
    # Alert rules over time (overdue, diary silence, entries shared after saving); idempotent.
    "safety-scan": {"task": "safety.scan", "schedule": 300.0, "options": {"expires": 290}},
    "safety-escalate": {"task": "safety.escalate", "schedule": 900.0, "options": {"expires": 890}},
    # Today's occurrence of every questionnaire schedule; idempotent, so hourly is harmless.
    "assessments-generate": {
        "task": "assessments.generate_due_requests",
        "schedule": 3600.0,
        "options": {"expires": 3500},
    },
}

# --- Sessions and security ------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG and env_bool("HTTPS", False))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", SECURE_HSTS_SECONDS > 0)
# A year of HSTS on all subdomains is what the browsers' preload list asks for; opt out explicitly.
SECURE_HSTS_PRELOAD = env_bool(
    "SECURE_HSTS_PRELOAD", SECURE_HSTS_SECONDS >= 31536000 and SECURE_HSTS_INCLUDE_SUBDOMAINS
)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Idle time after which a session ends: short for staff (shared clinic screens), longer for
# clients on their own phones. Minutes in the environment.
SESSION_IDLE_SECONDS_STAFF = int(os.environ.get("SESSION_IDLE_MINUTES_STAFF", "15")) * 60
SESSION_IDLE_SECONDS_CLIENT = int(os.environ.get("SESSION_IDLE_MINUTES_CLIENT", "30")) * 60
# A session row written less than this long ago is not written again just to move its expiry.
SESSION_IDLE_REFRESH_SECONDS = int(os.environ.get("SESSION_IDLE_REFRESH_SECONDS", "60"))
# The database store, plus the expiry its row had when loaded (see audit.session_store).
SESSION_ENGINE = "audit.session_store"
# What erasure keeps because the practice must by law (comma-separated kinds, see records/erasure.py).
ERASURE_KEEP = env_list("ERASURE_KEEP", "assessment_scores")
# Exports a user may request per hour.
EXPORT_RATE_LIMIT_PER_HOUR = int(os.environ.get("EXPORT_RATE_LIMIT_PER_HOUR", "5"))

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # The service worker (/sw.js) and the web app manifest, both from this site only.
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
