"""Azultel Web settings: one module, every value read from the environment.

AZULTEL_ENV selects behaviour: ``local`` (the embedded default: SQLite under var/, no services
needed), ``test`` (what the test suite runs with) or ``production`` (HTTPS-only, required secrets,
``manage.py check --deploy`` clean). Every setting has a safe local default and an environment
variable; nothing here exists only in production. See README "Settings" for the list.
"""

from __future__ import annotations

import atexit
import base64
import os
import secrets
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import dj_database_url
import django_stubs_ext
from celery.schedules import crontab
from csp.constants import NONE, SELF

from azultel.config.env import env_bool, env_int, env_list, env_str, require

# Lets runtime code use the generic forms the type stubs describe (ModelAdmin[Model], ...).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent
AZULTEL_ENV = env_str("AZULTEL_ENV", "local").strip().lower()
if AZULTEL_ENV not in {"local", "test", "production"}:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"AZULTEL_ENV must be local, test or production, got {AZULTEL_ENV!r}."
    )
PRODUCTION = AZULTEL_ENV == "production"
TESTING = AZULTEL_ENV == "test"

# var/ holds everything the embedded default generates: database, keys, local mailbox, cache,
# collected static files and media. Tests never use the checkout's var/: each test process (each
# xdist worker) gets a fresh temporary one, removed when it exits, so `make test` can run while
# `make run` serves (and collectstatic rewrites) var/static from the same checkout. In tests
# STATIC_ROOT and MEDIA_ROOT are always under VAR_DIR (a shell set up for `make run` cannot point
# them elsewhere); EMAIL_FILE_PATH follows VAR_DIR too. An explicit AZULTEL_VAR_DIR still wins.
if TESTING and not env_str("AZULTEL_VAR_DIR"):
    VAR_DIR = Path(tempfile.mkdtemp(prefix="azultel-test-var-"))
    (VAR_DIR / "static").mkdir()  # an empty STATIC_ROOT: WhiteNoise warns about a missing one
    _var_owner = os.getpid()
    # Only the process that made it removes it (a forked child exiting must not).
    atexit.register(
        lambda: shutil.rmtree(VAR_DIR, ignore_errors=True) if os.getpid() == _var_owner else None
    )
else:
    VAR_DIR = Path(env_str("AZULTEL_VAR_DIR", str(BASE_DIR / "var")))


def _local_secret(filename: str, generate: Callable[[], str], announce: str = "") -> str:
    """A secret generated once per checkout under var/ (never committed), for local use only."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / filename
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(generate())
        if announce:
            print(f"{announce} ({path}).", file=sys.stderr)  # noqa: T201 - said once, at creation
    return path.read_text().strip()


def _new_field_key() -> str:
    key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    return f"local-{secrets.token_hex(3)}:{key}"


# --- Core -------------------------------------------------------------------------------------

if PRODUCTION:
    SECRET_KEY = require("SECRET_KEY", "it signs sessions, CSRF tokens and unsubscribe links.")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        require("ALLOWED_HOSTS", "the host names this site answers for, comma separated.")
    SITE_URL = require("SITE_URL", "the public https:// address used in emails and feeds.")
else:
    SECRET_KEY = env_str("SECRET_KEY") or (
        "test-only-secret-key-not-for-any-deployment-0123456789"
        if TESTING
        else _local_secret("secret_key", lambda: secrets.token_urlsafe(48))
    )
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
    SITE_URL = env_str("SITE_URL", f"http://127.0.0.1:{env_str('PORT', '8000')}")

# Sensitive-field encryption (P24): "key_id:base64key" entries, newest first; the newest encrypts,
# every listed key can decrypt (rotation: add a new key in front, run rotate_field_keys, retire).
# FIELD_HMAC_KEY keys the lookup hashes (SSN search, suppression list, referral fingerprints) and
# the disclosure chain; it must not change with rotation.
if PRODUCTION:
    FIELD_ENCRYPTION_KEYS = require(
        "FIELD_ENCRYPTION_KEYS", "it encrypts sensitive fields (SSN, date of birth) at rest."
    )
    FIELD_HMAC_KEY = require("FIELD_HMAC_KEY", "it keys lookup hashes of sensitive values.")
elif TESTING:
    FIELD_ENCRYPTION_KEYS = env_str(
        "FIELD_ENCRYPTION_KEYS", "test-1:" + base64.urlsafe_b64encode(b"t" * 32).decode()
    )
    FIELD_HMAC_KEY = env_str("FIELD_HMAC_KEY", "test-hmac-key-for-lookup-hashes-only")
else:
    FIELD_ENCRYPTION_KEYS = env_str("FIELD_ENCRYPTION_KEYS") or _local_secret(
        "field_encryption_keys",
        _new_field_key,
        "Created a local encryption key for sensitive fields; production sets "
        "FIELD_ENCRYPTION_KEYS instead",
    )
    FIELD_HMAC_KEY = env_str("FIELD_HMAC_KEY") or _local_secret(
        "field_hmac_key", lambda: secrets.token_urlsafe(48)
    )

DEBUG = env_bool("DEBUG", False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "azultel.core",
    "azultel.privacy",
    "azultel.comms",
    "azultel.accounts",
    "azultel.site",
    "azultel.analytics",
    "azultel.catalog",
    "azultel.directory",
    "azultel.payments",
    "azultel.orders",
    "azultel.billing",
]

if TESTING:
    # A model that exercises encrypted fields in isolation; never installed outside the tests.
    INSTALLED_APPS.append("azultel.privacy.tests.sensitive_app")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "azultel.core.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Answers allauth's ReauthenticationRequired first, keeping no copy of the request (P27).
    "azultel.accounts.reauthentication.ReauthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "azultel.accounts.middleware.SessionLifetimeMiddleware",
    "azultel.accounts.middleware.StaffTwoFactorMiddleware",
    "azultel.site.middleware.StyledErrorPagesMiddleware",
    "azultel.privacy.middleware.GlobalPrivacyControlMiddleware",
    "azultel.analytics.middleware.PageViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "azultel.config.urls"
WSGI_APPLICATION = "azultel.config.wsgi.application"
ASGI_APPLICATION = "azultel.config.asgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "azultel" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "azultel.site.context_processors.site_layout",
                "azultel.accounts.context_processors.account_nav",
                "azultel.catalog.context_processors.shop_header",
                "azultel.orders.context_processors.cart_badge",
            ],
        },
    }
]

# --- Database ---------------------------------------------------------------------------------

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'azultel.sqlite3'}")
_db = dj_database_url.parse(
    DATABASE_URL,
    conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    conn_health_checks=True,
)
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # Tuned for a web server: WAL lets readers run beside the single writer, IMMEDIATE takes the
    # write lock at BEGIN (no deadlock-prone lock upgrades), the busy timeout queues writers.
    _db["CONN_MAX_AGE"] = 0 if TESTING else _db["CONN_MAX_AGE"]
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_TIMEOUT_SECONDS", 20),
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            f"PRAGMA busy_timeout={env_int('SQLITE_BUSY_TIMEOUT_SECONDS', 20) * 1000};"
            "PRAGMA cache_size=-20000;"
        ),
    }
    if str(_db["NAME"]).startswith(str(VAR_DIR)):
        VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": _db}

# --- Cache (rate limits; analytics buffer in production) --------------------------------------

CACHE_URL = env_str("CACHE_URL", "locmem://" if TESTING else f"file://{VAR_DIR / 'cache'}")
if CACHE_URL.startswith(("redis://", "rediss://")):
    _cache = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
elif CACHE_URL.startswith("file://"):
    _cache = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": CACHE_URL.removeprefix("file://"),
    }
else:
    _cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "azultel"}
CACHES = {"default": _cache}

# --- Passwords and sessions -------------------------------------------------------------------

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
PASSWORD_MIN_LENGTH = max(8, env_int("PASSWORD_MIN_LENGTH", 12))
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "given_name", "family_name")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "azultel.accounts.passwords.BreachedPasswordValidator"},
]
# Breached passwords: the bundled list always; besides, a k-anonymity range service of the
# "Pwned Passwords" shape (e.g. https://api.pwnedpasswords.com/range) when this is set. Only
# five hex digits of the password's SHA-1 leave the site; when the service does not answer within
# the timeout the password is accepted (bundled list only) and a warning is logged.
BREACHED_PASSWORDS_RANGE_URL = env_str("BREACHED_PASSWORDS_RANGE_URL", "")
BREACHED_PASSWORDS_RANGE_TIMEOUT_SECONDS = env_int("BREACHED_PASSWORDS_RANGE_TIMEOUT_SECONDS", 2)

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS.append(
    {
        "NAME": "azultel.accounts.passwords.MaximumLengthValidator",
        "OPTIONS": {"max_length": env_int("PASSWORD_MAX_LENGTH", 256)},
    }
)
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:overview"

# django-allauth: email sign-in, mandatory verification, TOTP two-factor, reauthentication.
ACCOUNT_ADAPTER = "azultel.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "azultel.accounts.forms.SignupDetailsForm"
# Known and unknown addresses cost the same work, so response time tells nothing (P22).
ACCOUNT_FORMS = {
    "signup": "azultel.accounts.enumeration.SignupForm",
    "reset_password": "azultel.accounts.enumeration.ResetPasswordForm",
}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 2
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = False  # our own notices (accounts.notices), never showing new values
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = env_int("REAUTHENTICATION_TIMEOUT_SECONDS", 300)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Azultel: "
# Five failed sign-ins per account and client in five minutes; the key is the account plus a keyed
# hash of the client (see AccountAdapter), so the same account elsewhere is not locked out.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("LOGIN_FAILED_RATE_LIMIT", "30/m/ip,5/5m/key"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# And at most this many failures a day for one account, from any number of clients.
LOGIN_FAILED_PER_ACCOUNT_DAY = env_int("LOGIN_FAILED_PER_ACCOUNT_DAY", 100)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Azultel"
MFA_RECOVERY_CODE_COUNT = 10

SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Flash messages ("Signed in as ...", an order's credit decision) stay on the server: the default
# cookie storage would put their text in a readable cookie (P25: cookies hold identifiers only).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_AGE = env_int("SESSION_ABSOLUTE_TIMEOUT_SECONDS", 12 * 3600)
SESSION_IDLE_TIMEOUT_SECONDS = env_int("SESSION_IDLE_TIMEOUT_SECONDS", 30 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "azultel.site.views.csrf_failure"

# --- HTTPS and security headers ---------------------------------------------------------------

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Proxies in front of the app (addresses or networks, comma separated; "*": every peer, for a
# Unix socket only the proxy can reach). Empty: no one. Forwarded headers from any other peer are
# dropped before Django sees them (core/proxies.py); gunicorn reads the same variable.
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", [])
# How many proxies in front of the app append to X-Forwarded-For (rate limits and the daily
# visitor count need the visitor's address, not the proxy's). 0: use the connecting address.
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 0)
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Host and port come from the Host header (checked against ALLOWED_HOSTS), never from
# X-Forwarded-Host/-Port; the site lives at the root of SITE_URL, so no script prefix is taken
# from the server or a request header. Links read away from the request use SITE_URL.
USE_X_FORWARDED_HOST = False
USE_X_FORWARDED_PORT = False
FORCE_SCRIPT_NAME = ""

# Secure cookies carry the __Host- prefix (Secure, Path=/, no Domain). A browser refuses such a
# cookie over plain http, so the local default (http://127.0.0.1) uses plain names.
_SECURE_COOKIES = env_bool("SECURE_COOKIES", PRODUCTION)
SESSION_COOKIE_SECURE = _SECURE_COOKIES
CSRF_COOKIE_SECURE = _SECURE_COOKIES
SESSION_COOKIE_NAME = "__Host-session" if _SECURE_COOKIES else "azultel_session"
CSRF_COOKIE_NAME = "__Host-csrftoken" if _SECURE_COOKIES else "azultel_csrftoken"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL] if PRODUCTION else [])

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # data: only for images the site itself generates (the two-factor QR code).
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        **({"upgrade-insecure-requests": True} if PRODUCTION else {}),
    }
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(self), "
    "browsing-topics=(), interest-cohort=()"
)

# --- Static files -----------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = (
    VAR_DIR / "static" if TESTING else Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media" if TESTING else Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
WHITENOISE_MAX_AGE = env_int("STATIC_MAX_AGE", 3600)

# --- Locale -----------------------------------------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

# --- Email and background work ----------------------------------------------------------------

DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Azultel <no-reply@azultel.example>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", bool(EMAIL_HOST))
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
# No SMTP host configured: deliver into the local mailbox under var/mail/ instead (one .eml per
# message, listed at /staff/mailbox/). Tests keep Django's in-memory outbox unless they opt in.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else (
        "django.core.mail.backends.locmem.EmailBackend"
        if TESTING
        else "azultel.comms.mailbox.MailboxBackend"
    ),
)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
if PRODUCTION and EMAIL_BACKEND == "azultel.comms.mailbox.MailboxBackend":
    # The local mailbox shows whole messages (sign-in links included) to staff: a try-out tool.
    require("EMAIL_HOST", "production sends email through SMTP, never into the local mailbox.")

# The outbox (azultel.comms): retries with exponential backoff, a lease after which a message a
# dead worker was sending is queued again, and retention of contents and delivery records.
COMMS_MAX_ATTEMPTS = env_int("COMMS_MAX_ATTEMPTS", 8)
COMMS_RETRY_BASE_SECONDS = env_int("COMMS_RETRY_BASE_SECONDS", 60)
COMMS_RETRY_MAX_SECONDS = env_int("COMMS_RETRY_MAX_SECONDS", 3600)
COMMS_SENDING_LEASE_SECONDS = env_int("COMMS_SENDING_LEASE_SECONDS", 600)
COMMS_SWEEP_BATCH = env_int("COMMS_SWEEP_BATCH", 500)
COMMS_SWEEP_INTERVAL_SECONDS = env_int("COMMS_SWEEP_INTERVAL_SECONDS", 60)
COMMS_CONTENT_RETENTION_DAYS = env_int("COMMS_CONTENT_RETENTION_DAYS", 90)
COMMS_RECORD_RETENTION_DAYS = env_int("COMMS_RECORD_RETENTION_DAYS", 730)

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
# Without a broker the embedded default runs tasks in process, right after the calling commit.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = TESTING
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "comms-outbox-deliver-due": {
        "task": "azultel.comms.tasks.outbox_deliver_due",
        "schedule": float(COMMS_SWEEP_INTERVAL_SECONDS),
    },
    "comms-outbox-purge": {
        "task": "azultel.comms.tasks.outbox_purge",
        "schedule": 6 * 3600.0,
    },
}

# --- Company facts used on pages and in every commercial email --------------------------------

COMPANY_NAME = env_str("COMPANY_NAME", "Azultel Communications, Inc.")
COMPANY_POSTAL_ADDRESS = env_str(
    "COMPANY_POSTAL_ADDRESS",
    "Azultel Communications, Inc., 1450 Brickell Bay Drive, Suite 900, Miami, FL 33131, USA",
)
COMPANY_PHONE = env_str("COMPANY_PHONE", "1-800-298-5835")
SECURITY_CONTACT_EMAIL = env_str("SECURITY_CONTACT_EMAIL", "security@azultel.example")
PRIVACY_CONTACT_EMAIL = env_str("PRIVACY_CONTACT_EMAIL", "privacy@azultel.example")
ADMIN_URL_PATH = env_str("ADMIN_URL_PATH", "staff/admin/").strip("/") + "/"

# The visitor's chosen US state for prices: the cookie holds the two-letter code and nothing else.
STATE_COOKIE_NAME = env_str("STATE_COOKIE_NAME", "azultel_state")
# Shop pages for visitors without a session are cached this long (seconds; 0: off). Catalog
# edits made through the models show at once; see azultel/catalog/page_cache.py.
CATALOG_CACHE_SECONDS = env_int("CATALOG_CACHE_SECONDS", 300)
PARTNER_REPORT_MIN_CELL = env_int("PARTNER_REPORT_MIN_CELL", 10)
# Retention (B3) of records the data map keeps for two years: contact messages, reveal and
# directory-assistance logs. Periodic jobs delete them afterwards.
CONTACT_RETENTION_DAYS = env_int("CONTACT_RETENTION_DAYS", 730)
ACCESS_LOG_RETENTION_DAYS = env_int("ACCESS_LOG_RETENTION_DAYS", 730)
CELERY_BEAT_SCHEDULE.update(
    {
        "site-contact-purge": {
            "task": "azultel.site.tasks.contact_messages_purge",
            "schedule": 24 * 3600.0,
        },
        "privacy-access-log-purge": {
            "task": "azultel.privacy.tasks.access_log_purge",
            "schedule": 24 * 3600.0,
        },
        "directory-assistance-log-purge": {
            "task": "azultel.directory.tasks.assistance_log_purge",
            "schedule": 24 * 3600.0,
        },
        "core-audit-events-purge": {
            "task": "azultel.core.tasks.audit_events_purge",
            "schedule": 24 * 3600.0,
        },
        "accounts-signin-sessions-purge": {
            "task": "azultel.accounts.tasks.signin_sessions_purge",
            "schedule": 3600.0,
        },
    }
)
DIRECTORY_RATE_LIMIT = env_int("DIRECTORY_RATE_LIMIT", 30)
DIRECTORY_RATE_WINDOW_SECONDS = env_int("DIRECTORY_RATE_WINDOW_SECONDS", 600)
CONTACT_RATE_LIMIT = env_int("CONTACT_RATE_LIMIT", 5)
CONTACT_RATE_WINDOW_SECONDS = env_int("CONTACT_RATE_WINDOW_SECONDS", 600)

# --- Anonymous site statistics (azultel.analytics; docs/operations.md "Analytics buffer") -----

ANALYTICS_ENABLED = env_bool("ANALYTICS_ENABLED", True)
# "memory": per-process buffer written by a background thread; "redis": a Redis list drained by
# the Celery task analytics.buffer_drain.
ANALYTICS_BUFFER = env_str("ANALYTICS_BUFFER", "memory").strip().lower()
ANALYTICS_REDIS_URL = env_str("ANALYTICS_REDIS_URL", "redis://127.0.0.1:6379/0")
ANALYTICS_REDIS_KEY = env_str("ANALYTICS_REDIS_KEY", "azultel:analytics:hits")
ANALYTICS_FLUSH_SECONDS = env_int("ANALYTICS_FLUSH_SECONDS", 5)
ANALYTICS_FLUSH_BATCH = env_int("ANALYTICS_FLUSH_BATCH", 500)
ANALYTICS_BUFFER_MAX = env_int("ANALYTICS_BUFFER_MAX", 20_000)
# Tests write the buffer themselves (buffer_flush); no thread, nothing written at exit.
ANALYTICS_BACKGROUND_FLUSH = env_bool("ANALYTICS_BACKGROUND_FLUSH", not TESTING)
ANALYTICS_RAW_RETENTION_DAYS = env_int("ANALYTICS_RAW_RETENTION_DAYS", 30)
ANALYTICS_HOURLY_RETENTION_DAYS = env_int("ANALYTICS_HOURLY_RETENTION_DAYS", 90)
ANALYTICS_BEACON_RATE_LIMIT = env_int("ANALYTICS_BEACON_RATE_LIMIT", 60)
ANALYTICS_BEACON_RATE_WINDOW_SECONDS = env_int("ANALYTICS_BEACON_RATE_WINDOW_SECONDS", 60)
# Optional: post k-suppressed daily aggregates to another analytics service (empty: off).
ANALYTICS_EXPORT_URL = env_str("ANALYTICS_EXPORT_URL", "")
ANALYTICS_EXPORT_TIMEOUT_SECONDS = env_int("ANALYTICS_EXPORT_TIMEOUT_SECONDS", 10)
# A near-empty page at /bench-trivial/ for `make bench`; off everywhere else.
BENCH_TRIVIAL_VIEW = env_bool("BENCH_TRIVIAL_VIEW", False)
CELERY_BEAT_SCHEDULE["analytics-buffer-drain"] = {
    "task": "azultel.analytics.tasks.buffer_drain",
    "schedule": float(ANALYTICS_FLUSH_SECONDS),
}
CELERY_BEAT_SCHEDULE["analytics-purge"] = {
    "task": "azultel.analytics.tasks.purge",
    "schedule": 3600.0,
}
CELERY_BEAT_SCHEDULE["analytics-export"] = {
    "task": "azultel.analytics.tasks.aggregates_export",
    "schedule": 24 * 3600.0,
}

# --- Online ordering and payments (azultel.orders, azultel.payments; docs/operations.md) -------

# Dotted paths of the card processor and the credit bureau. The defaults are the embedded
# sandboxes (documented test cards and SSNs, nothing leaves the site).
PAYMENT_GATEWAY = env_str("PAYMENT_GATEWAY", "azultel.payments.gateway.SandboxGateway")
CREDIT_BUREAU = env_str("CREDIT_BUREAU", "azultel.orders.credit.SandboxCreditBureau")
# Carts never ordered are deleted this long after their last change (B3).
ORDERS_CART_RETENTION_DAYS = env_int("ORDERS_CART_RETENTION_DAYS", 30)
# SSN and date of birth given for a credit check are erased this long after the decision (B3).
ORDERS_CREDIT_CHECK_RETENTION_DAYS = env_int("ORDERS_CREDIT_CHECK_RETENTION_DAYS", 90)
CELERY_BEAT_SCHEDULE["orders-purge"] = {
    "task": "azultel.orders.tasks.orders_purge",
    "schedule": 6 * 3600.0,
}
# Cards typed in and not saved are deleted this long after they were given, unless a charge, a
# checkout or another record still points at them (B3).
PAYMENTS_UNSAVED_CARD_RETENTION_DAYS = env_int("PAYMENTS_UNSAVED_CARD_RETENTION_DAYS", 30)
CELERY_BEAT_SCHEDULE["payments-unsaved-cards-purge"] = {
    "task": "azultel.payments.tasks.cards_unsaved_purge",
    "schedule": 6 * 3600.0,
}
# Refunds are sent after the cancellation commits; any the processor did not take are retried.
CELERY_BEAT_SCHEDULE["payments-refunds-pending-send"] = {
    "task": "azultel.payments.tasks.refunds_pending_send",
    "schedule": 15 * 60.0,
}

# --- Monthly bills and bill payments (azultel.billing; docs/operations.md "Billing") ----------

# A bill is due this many days after it is issued.
BILLING_DUE_DAYS = env_int("BILLING_DUE_DAYS", 21)
# Accounts per batch of the billing run (each batch is one transaction).
BILLING_RUN_BATCH_SIZE = env_int("BILLING_RUN_BATCH_SIZE", 1000)
# On the 1st of each month at 02:00 (TIME_ZONE), bill the month that just ended.
CELERY_BEAT_SCHEDULE["billing-run-monthly"] = {
    "task": "azultel.billing.tasks.billing_run_previous_month",
    "schedule": crontab(minute="0", hour="2", day_of_month="1"),
}

# --- Private uploads (résumés): core.file_storage, privacy.file_storage; docs "File uploads" --

# The backend (dotted path): EncryptedLocalStorage keeps encrypted files under PRIVATE_UPLOAD_ROOT
# (never inside STATIC_ROOT or MEDIA_ROOT); EncryptedS3Storage keeps them, encrypted by us and by
# the store (PRIVATE_UPLOAD_S3_SSE), in a private S3-compatible bucket.
PRIVATE_UPLOAD_STORAGE = env_str(
    "PRIVATE_UPLOAD_STORAGE", "azultel.privacy.file_storage.EncryptedLocalStorage"
)
PRIVATE_UPLOAD_ROOT = (
    VAR_DIR / "private-uploads"
    if TESTING
    else Path(env_str("PRIVATE_UPLOAD_ROOT", str(VAR_DIR / "private-uploads")))
)
PRIVATE_UPLOAD_S3_BUCKET = env_str("PRIVATE_UPLOAD_S3_BUCKET", "")
PRIVATE_UPLOAD_S3_PREFIX = env_str("PRIVATE_UPLOAD_S3_PREFIX", "")
PRIVATE_UPLOAD_S3_ENDPOINT_URL = env_str("PRIVATE_UPLOAD_S3_ENDPOINT_URL", "")
PRIVATE_UPLOAD_S3_REGION = env_str("PRIVATE_UPLOAD_S3_REGION", "")
PRIVATE_UPLOAD_S3_ADDRESSING_STYLE = env_str("PRIVATE_UPLOAD_S3_ADDRESSING_STYLE", "auto")
# Empty: boto3's own credential chain (an instance or task role) is used.
PRIVATE_UPLOAD_S3_ACCESS_KEY_ID = env_str("PRIVATE_UPLOAD_S3_ACCESS_KEY_ID", "")
PRIVATE_UPLOAD_S3_SECRET_ACCESS_KEY = env_str("PRIVATE_UPLOAD_S3_SECRET_ACCESS_KEY", "")
PRIVATE_UPLOAD_S3_SSE = env_str("PRIVATE_UPLOAD_S3_SSE", "AES256")  # or aws:kms ("": none)
PRIVATE_UPLOAD_S3_KMS_KEY_ID = env_str("PRIVATE_UPLOAD_S3_KMS_KEY_ID", "")
# Largest file accepted (bytes), and what a .docx may unpack to (zip bombs).
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES = env_int("UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES", 50 * 1024 * 1024)
# Files nothing points at (and stored bytes without a record) are deleted after this long (B3).
UPLOAD_UNCLAIMED_HOURS = env_int("UPLOAD_UNCLAIMED_HOURS", 24)
# Uploads stay in memory (capped): Django's default would write big ones to /tmp in clear.
FILE_UPLOAD_HANDLERS = ["azultel.core.upload_handlers.MemoryOnlyUploadHandler"]
CELERY_BEAT_SCHEDULE["core-stored-files-purge"] = {
    "task": "azultel.core.tasks.stored_files_purge",
    "schedule": 3600.0,
}

# --- Logging: never the client address, the user agent, a query string or a form body ---------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every line is scrubbed of IP addresses and secret path segments (reset and confirmation
    # keys, unsubscribe and opt-out tokens) and query strings: config/log_redaction.py.
    "formatters": {
        "plain": {
            "()": "azultel.config.log_redaction.RedactingFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        # "Not Found: <path>" lines would copy identifiers typed into addresses into the log.
        "django.request": {"level": "ERROR"},
        # One line per periodic task run would drown the log; failures still show.
        "celery.app.trace": {"level": env_str("CELERY_TRACE_LOG_LEVEL", "WARNING")},
    },
}
