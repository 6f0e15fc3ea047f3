"""Email: SMTP when EMAIL_HOST is set, else the local mailbox under var/mail/; the outbox."""

from __future__ import annotations

from azultel.config.env import env_bool, env_int, env_str, require
from azultel.config.settings.base import PRODUCTION, TESTING, VAR_DIR

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
# dead worker was sending is queued again, and retention of contents and delivery records. The
# sweep's interval is read by comms.tasks.PERIODIC.
COMMS_MAX_ATTEMPTS = env_int("COMMS_MAX_ATTEMPTS", 8)
COMMS_RETRY_BASE_SECONDS = env_int("COMMS_RETRY_BASE_SECONDS", 60)
COMMS_RETRY_MAX_SECONDS = env_int("COMMS_RETRY_MAX_SECONDS", 3600)
COMMS_SENDING_LEASE_SECONDS = env_int("COMMS_SENDING_LEASE_SECONDS", 600)
COMMS_SWEEP_BATCH = env_int("COMMS_SWEEP_BATCH", 500)
COMMS_SWEEP_INTERVAL_SECONDS = env_int("COMMS_SWEEP_INTERVAL_SECONDS", 60)
COMMS_CONTENT_RETENTION_DAYS = env_int("COMMS_CONTENT_RETENTION_DAYS", 90)
COMMS_RECORD_RETENTION_DAYS = env_int("COMMS_RECORD_RETENTION_DAYS", 730)
