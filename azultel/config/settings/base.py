"""The environment, paths, installed apps, middleware, templates, locale and static files.

Every other settings module imports what it reads from here (PRODUCTION, TESTING, VAR_DIR, ...).
"""

from __future__ import annotations

from pathlib import Path

import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

from azultel.config.env import env_bool, env_int, env_str
from azultel.config.paths import BASE_DIR, var_dir

# Lets runtime code use the generic forms the type stubs describe (ModelAdmin[Model], ...).
django_stubs_ext.monkeypatch()

AZULTEL_ENV = env_str("AZULTEL_ENV", "local").strip().lower()
if AZULTEL_ENV not in {"local", "test", "production"}:
    raise ImproperlyConfigured(
        f"AZULTEL_ENV must be local, test or production, got {AZULTEL_ENV!r}."
    )
PRODUCTION = AZULTEL_ENV == "production"
TESTING = AZULTEL_ENV == "test"

# var/ holds everything the embedded default generates: database, keys, local mailbox, cache,
# collected static files and media. Settings only name it; `manage.py local_keys` (`make run`)
# creates it. Tests never use the checkout's var/: each test process (each xdist worker) gets
# its own temporary one (config/paths.py), which the test runner creates and removes when the
# process exits (core/testing/env.py), so `make test` can run while `make run` serves (and
# collectstatic rewrites) var/static from the same checkout. In tests STATIC_ROOT and MEDIA_ROOT
# are always under VAR_DIR (a shell set up for `make run` cannot point them elsewhere);
# EMAIL_FILE_PATH follows VAR_DIR too. An explicit AZULTEL_VAR_DIR still wins.
VAR_DIR = var_dir(testing=TESTING)

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
    "azultel.surveys",
    "azultel.marketing",
    "azultel.careers",
    "azultel.lists",
    "azultel.referrals",
    "azultel.events",
    "azultel.contact",
    "azultel.compliance",
    "azultel.ads",
    "azultel.dsr",
    "azultel.lifecycle",
    "azultel.ops",
    "azultel.care",
    "rest_framework",
    "drf_spectacular",
    "oauth2_provider",
    "azultel.api",
]

if TESTING:
    # A model that exercises encrypted fields in isolation; never installed outside the tests.
    INSTALLED_APPS.append("azultel.privacy.tests.sensitive_app")

MIDDLEWARE = [
    # Outermost: every response counted and timed by route (ops/metrics.py), under the
    # balancer's request id (ops/request_ids.py); a 500 from an unreachable database becomes a
    # 503 with Retry-After (ops/outage.py).
    "azultel.ops.metrics.MetricsMiddleware",
    "azultel.ops.request_ids.RequestIdMiddleware",
    "azultel.ops.outage.DatabaseOutageMiddleware",
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
    # Orders placed after a campaign click, counted without storing who (P29).
    "azultel.marketing.conversions.CampaignConversionMiddleware",
    "azultel.analytics.middleware.PageViewMiddleware",
    # Care staff reach call detail and account changes only for a verified caller (64.2010(b)).
    "azultel.care.middleware.CallerVerificationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # House ads: fills ad slots, caps and anonymous interests in signed cookies (P26, P28).
    "azultel.ads.middleware.AdMiddleware",
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
                "azultel.care.context_processors.account_notices",
            ],
        },
    }
]

# --- Locale -----------------------------------------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

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
