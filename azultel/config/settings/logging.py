"""Logging: never the client address, the user agent, a query string or a form body."""

from __future__ import annotations

from azultel.config.env import env_str

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every line is scrubbed of IP addresses and secret path segments (reset and confirmation
    # keys, unsubscribe and opt-out tokens) and query strings: config/log_redaction.py.
    "formatters": {
        "plain": {
            "()": "azultel.config.log_redaction.RedactingFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
        # LOG_FORMAT=json (`make stack`, production): one JSON event per line with the request
        # id, redacted the same way (config/json_logging.py).
        "json": {"()": "azultel.config.json_logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if env_str("LOG_FORMAT", "plain") == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        # "Not Found: <path>" lines would copy identifiers typed into addresses into the log.
        "django.request": {"level": "ERROR"},
        # One line per periodic task run would drown the log; failures still show.
        "celery.app.trace": {"level": env_str("CELERY_TRACE_LOG_LEVEL", "WARNING")},
    },
}
