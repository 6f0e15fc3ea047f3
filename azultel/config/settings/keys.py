"""Keys: SECRET_KEY and the sensitive-field keys (P24).

Production reads each from the environment and refuses to start without it. Tests use fixed
keys. Locally the environment wins, else the files `manage.py local_keys` wrote under var/
(config/local_keys.py); when neither holds a key, start-up stops with a message naming that
command. Reading settings never writes a key.
"""

from __future__ import annotations

import base64

from django.core.exceptions import ImproperlyConfigured

from azultel.config import local_keys
from azultel.config.env import env_str, require
from azultel.config.settings.base import PRODUCTION, TESTING, VAR_DIR

if PRODUCTION:
    SECRET_KEY = require("SECRET_KEY", "it signs sessions, CSRF tokens and unsubscribe links.")
elif TESTING:
    SECRET_KEY = env_str("SECRET_KEY") or "test-only-secret-key-not-for-any-deployment-0123456789"
else:
    SECRET_KEY = env_str("SECRET_KEY") or local_keys.read(VAR_DIR, "SECRET_KEY")

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
    FIELD_ENCRYPTION_KEYS = env_str("FIELD_ENCRYPTION_KEYS") or local_keys.read(
        VAR_DIR, "FIELD_ENCRYPTION_KEYS"
    )
    FIELD_HMAC_KEY = env_str("FIELD_HMAC_KEY") or local_keys.read(VAR_DIR, "FIELD_HMAC_KEY")
    _missing = [
        name
        for name, value in (
            ("SECRET_KEY", SECRET_KEY),
            ("FIELD_ENCRYPTION_KEYS", FIELD_ENCRYPTION_KEYS),
            ("FIELD_HMAC_KEY", FIELD_HMAC_KEY),
        )
        if not value
    ]
    if _missing:
        raise ImproperlyConfigured(local_keys.missing_message(VAR_DIR, _missing))
