"""Settings for Ciberparadiplomacia.

One module, driven by environment variables, with defaults that run on a fresh machine: SQLite, Celery
eager with an in-memory broker, console e-mail, local media folder and a local-memory cache. Every variable
is listed in README.md ("Environment variables").
"""

import logging
import secrets
from pathlib import Path
from typing import Any

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"  # local, git-ignored state: dev secret key, demo credentials

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)


def _secret_key() -> str:
    key = env("SECRET_KEY", default="")
    if DEBUG and not key:
        # A development key made once per checkout, never committed: sessions survive restarts.
        VAR_DIR.mkdir(exist_ok=True)
        key_file = VAR_DIR / "dev-secret-key"
        if not key_file.exists():
            key_file.write_text(secrets.token_urlsafe(64))
            key_file.chmod(0o600)
        key = key_file.read_text().strip()
    if not DEBUG and len(key) < 50:
        raise ImproperlyConfigured(
            "SECRET_KEY is missing or shorter than 50 characters. With DEBUG off the portal needs a "
            'long random key, for example: python -c "import secrets; print(secrets.token_urlsafe(64))"'
        )
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    # The project's apps in their layers, from the wiring down to core (docs/architecture.md).
    "ciberparadiplomacia",
    "guide",
    "registry",
    "matchmaking",
    "showcase",
    "agreements",
    "notifications",
    "accounts",
    "municipalities",
    "partners",
    "core",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "ciberparadiplomacia.urls"
WSGI_APPLICATION = "ciberparadiplomacia.wsgi.application"

# Typed loosely on purpose: apps append to OPTIONS below, and mypy would otherwise infer dict[str, object].
TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ciberparadiplomacia.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # IMMEDIATE transactions take the write lock up front: no "database is locked" half-way through.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
else:
    # Persistent connections (249 -> 1,447 req/s measured here), checked so a database restart gives no 500.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, Celery --------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")


def _redis_database(url: str, number: int) -> str:
    """The same Redis server, another database: clearing the cache must never drop queued tasks."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{number}"))


if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": _redis_database(REDIS_URL, env.int("REDIS_CACHE_DB", default=1)),
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="cpd"),
            "OPTIONS": {
                # A Redis outage degrades the cache to misses (logged), never to an error page.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "ciberparadiplomacia.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
# Without Redis there is no worker: tasks run inline, inside the request (fine for a one-person trial).
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True  # only idempotent tasks are written; a killed worker's task is redelivered
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Longer than any task: Redis redelivers an unacknowledged task only after this many seconds.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = "America/Mexico_City"
CELERY_BEAT_SCHEDULE: dict = {}

# --- E-mail ---------------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Ciberparadiplomacia <no-responder@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A hanging SMTP server must not hold a request (e-mail is sent inline without a worker) or a worker.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# --- Accounts -------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Ciberparadiplomacia"

# --- Internationalisation -------------------------------------------------------------------------
LANGUAGE_CODE = "es-mx"
LANGUAGES = [("es-mx", "Español"), ("en", "English")]  # autonyms: each shown in its own language
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "America/Mexico_City"
USE_TZ = True

# --- Static and media files -----------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT: Path | None = BASE_DIR / "staticfiles"  # None in test_settings: served from the finders
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploads are private: nothing under MEDIA_ROOT is served directly; views check permissions first.
MEDIA_URL = "/media-privado/"
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# In development whitenoise serves from the app folders directly, without collectstatic.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG

# --- Security -------------------------------------------------------------------------------------
HTTPS = env.bool("HTTPS", default=not DEBUG)  # off only for local HTTP runs (tests, benchmarks)
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]  # plain-HTTP health probes from inside the container network
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = HTTPS
if env.bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- REST API -------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env("API_ANON_RATE", default="120/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Ciberparadiplomacia API",
    "DESCRIPTION": "Registro público de acuerdos interinstitucionales de municipios mexicanos.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Logging --------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
logging.captureWarnings(True)

# --- Portal ---------------------------------------------------------------------------------------
# Demo accounts' generated passwords are written here (git-ignored, mode 600) so `make run` can print them.
DEMO_CREDENTIALS_FILE = env.path("DEMO_CREDENTIALS_FILE", default=VAR_DIR / "demo-credentials.txt")

# --- Accounts: idle timeout, mandatory two-factor for SRE staff (accounts/middleware.py) ----------
MIDDLEWARE += [
    "accounts.middleware.IdleTimeoutMiddleware",
    "accounts.middleware.RequireMfaMiddleware",
]
# Inactivity logs a user out after this many seconds; the page warns ACCOUNTS_IDLE_WARNING seconds before.
ACCOUNTS_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
ACCOUNTS_IDLE_WARNING = env.int("SESSION_IDLE_WARNING", default=3 * 60)
# The last-activity time is saved at most once a minute: no session write on every request.
ACCOUNTS_IDLE_RESOLUTION = 60
ACCOUNT_SESSION_REMEMBER = False  # no "remember me": a shared office computer must not stay logged in
MFA_ADAPTER = "accounts.adapters.MFAAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Ciberparadiplomacia] "

# --- Working files and the wizard (agreements/) ---------------------------------------------------
# CPEUM 115 fr. II b) leaves the qualified majority to each state's municipal law: {INEGI state code:
# (numerator, denominator)}; a state not listed uses two thirds.
AGREEMENTS_QUALIFIED_MAJORITY_BY_STATE: dict[str, tuple[int, int]] = {}

# --- Notifications, generated documents, reminders (notifications/, agreements/documents/) --------
TEMPLATES[0]["OPTIONS"]["context_processors"].append("notifications.context_processors.notifications")
# E-mails are written by tasks, without a request: their links start with this address.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
TASK_RETRY_BACKOFF_SECONDS = env.int("TASK_RETRY_BACKOFF_SECONDS", default=30)  # doubled per retry, jittered
TASK_RETRY_BACKOFF_MAX_SECONDS = env.int("TASK_RETRY_BACKOFF_MAX_SECONDS", default=15 * 60)
NOTIFICATIONS_EMAIL_MAX_ATTEMPTS = env.int("NOTIFICATIONS_EMAIL_MAX_ATTEMPTS", default=6)
# A row still "pending" or "sending" after this many seconds lost its task: the sweeper queues it again.
NOTIFICATIONS_EMAIL_STALE_AFTER = env.int("NOTIFICATIONS_EMAIL_STALE_AFTER", default=15 * 60)
# Generated documents (agreements/documents/services.py): a claim older than this was abandoned by its worker.
AGREEMENTS_DOCUMENT_STALE_AFTER = env.int("DOCUMENT_STALE_AFTER", default=10 * 60)
AGREEMENTS_DOCUMENT_MAX_ATTEMPTS = env.int("DOCUMENT_MAX_ATTEMPTS", default=3)
# Fault-injection tests only: seconds a worker waits before rendering, so a test can kill it mid-task.
AGREEMENTS_DOCUMENT_DELAY_SECONDS = env.float("DOCUMENT_DELAY_SECONDS", default=0)
# Reminders (agreements/reminders/services.py): days after which each is due. The law sets no deadlines;
# the SRE's
# own targets AGREEMENTS_REVIEW_TARGET_DAYS and AGREEMENTS_INSCRIPTION_TARGET_DAYS are in the workflow block.
AGREEMENTS_REMINDER_DRAFT_IDLE_DAYS = env.int("REMINDER_DRAFT_IDLE_DAYS", default=14)
AGREEMENTS_REMINDER_OBSERVATIONS_DAYS = env.int("REMINDER_OBSERVATIONS_DAYS", default=10)
AGREEMENTS_REMINDER_UNSIGNED_DAYS = env.int("REMINDER_UNSIGNED_DAYS", default=30)
AGREEMENTS_REMINDER_ENDING_DAYS = (90, 30)  # before the end of an agreement's validity
AGREEMENTS_REMINDER_TERM_ENDING_DAYS = env.int("REMINDER_TERM_ENDING_DAYS", default=90)
# How often a worker looks for unacknowledged messages past the visibility timeout (kombu: every 10 s, a real
# scan every 10th time, so about 100 s); the worker-loss test shortens both.
CELERY_BROKER_TRANSPORT_OPTIONS.update(
    {
        "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
        "unacked_restore_throttle": env.int("CELERY_UNACKED_RESTORE_THROTTLE", default=10),
    }
)
# Periodic tasks (celery beat). Without Redis there is no beat: run `manage.py send_reminders` from cron.
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE.update(
    {
        "send-due-reminders": {
            "task": "agreements.send_due_reminders",
            "schedule": crontab(hour="8,14", minute=0),
        },
        "send-weekly-digests": {"task": "notifications.send_digests", "schedule": crontab(hour=9, minute=30)},
        "sweep-documents": {"task": "agreements.sweep_documents", "schedule": 5 * 60},
        "sweep-emails": {"task": "notifications.sweep_emails", "schedule": 5 * 60},
    }
)

# --- Review workflow: observations, dictamen, signature, inscription (agreements/workflow/transitions.py) ---
# The law sets no deadlines (DOMAIN.md §2): these are the SRE's own targets, shown in the review queue.
# Days from a (re)submission to the SRE's observations or dictamen:
AGREEMENTS_REVIEW_TARGET_DAYS = 30
# Days from the recorded signature to the inscription:
AGREEMENTS_INSCRIPTION_TARGET_DAYS = 10
# Registry numbers: one gap-free sequence per year (agreements/inscription/services.py).
AGREEMENTS_REGISTRATION_NUMBER_FORMAT = "RAI-{year}-{number:05d}"
# The transition API (/api/v1/expedientes/) accepts session or token authentication; tokens are for the
# SRE's own systems, created in the Django admin ("Tokens") or with `manage.py drf_create_token <email>`.
INSTALLED_APPS += ["rest_framework.authtoken"]

# --- Showcase, partner-seeking board, knowledge centre (showcase/, matchmaking/board/, guide/) ---
# Photos of a municipality's showcase: checked and re-encoded (showcase/images.py); the upload's limit.
MUNICIPALITIES_PHOTO_MAX_BYTES = env.int("PHOTO_MAX_BYTES", default=8 * 1024 * 1024)
# The board's public reply form (matchmaking/board/spam.py): a form sent sooner than this many seconds after
# the page
# was shown is refused (a person reads and types; a robot posts at once); browser tests lower it.
PARTNERS_BOARD_REPLY_MIN_SECONDS = env.float("BOARD_REPLY_MIN_SECONDS", default=3.0)
# ...and one older than this many seconds (the page's signed token has expired).
PARTNERS_BOARD_REPLY_MAX_AGE = env.int("BOARD_REPLY_MAX_AGE", default=6 * 60 * 60)
# Per IP address and window (count, seconds): replies sent, and attempts of any outcome.
PARTNERS_BOARD_REPLIES_PER_IP = (env.int("BOARD_REPLIES_PER_IP_HOUR", default=5), 60 * 60)
PARTNERS_BOARD_POSTS_PER_IP = (env.int("BOARD_POSTS_PER_IP_HOUR", default=30), 60 * 60)
