"""Passwords, sign-in (django-allauth), two-factor (MFA), reauthentication and sessions."""

from __future__ import annotations

from azultel.config.env import env_int, env_str
from azultel.config.settings.base import PRODUCTION

# --- Passwords --------------------------------------------------------------------------------

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
    {
        "NAME": "azultel.accounts.passwords.MaximumLengthValidator",
        "OPTIONS": {"max_length": env_int("PASSWORD_MAX_LENGTH", 256)},
    },
]
# Breached passwords: the bundled list always; besides, a k-anonymity range service of the
# "Pwned Passwords" shape (e.g. https://api.pwnedpasswords.com/range) when this is set. Only
# five hex digits of the password's SHA-1 leave the site; when the service does not answer within
# the timeout the password is accepted (bundled list only) and a warning is logged.
BREACHED_PASSWORDS_RANGE_URL = env_str("BREACHED_PASSWORDS_RANGE_URL", "")
BREACHED_PASSWORDS_RANGE_TIMEOUT_SECONDS = env_int("BREACHED_PASSWORDS_RANGE_TIMEOUT_SECONDS", 2)

# --- Sign-in ----------------------------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
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

# --- Sessions ---------------------------------------------------------------------------------
# Their cookies' Secure flag and __Host- names: security.py.

# The database keeps sessions; `make stack` and production put a Redis cache in front
# ("django.contrib.sessions.backends.cached_db"): a Redis restart then costs no one their session.
SESSION_ENGINE = env_str("SESSION_ENGINE", "django.contrib.sessions.backends.db")
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
