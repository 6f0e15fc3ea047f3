"""The local SMTP server for mail to the site's own addresses (``manage.py comms_inbound_smtp``):
delivery reports (bounces, spam complaints) and replies. See docs "Inbound mail"."""

from __future__ import annotations

from azultel.config.env import env_int, env_list, env_str

COMMS_INBOUND_HOST = env_str("COMMS_INBOUND_HOST", "127.0.0.1")
COMMS_INBOUND_PORT = env_int("COMMS_INBOUND_PORT", 2525)
# A larger message is refused with 552 while it is being received.
COMMS_INBOUND_MAX_BYTES = env_int("COMMS_INBOUND_MAX_BYTES", 1024 * 1024)
COMMS_INBOUND_MAX_RECIPIENTS = env_int("COMMS_INBOUND_MAX_RECIPIENTS", 20)
# The domains whose addresses the server accepts mail for; empty means the domains of
# DEFAULT_FROM_EMAIL and SERVER_EMAIL (where bounces of our email come back to).
COMMS_INBOUND_DOMAINS = env_list("COMMS_INBOUND_DOMAINS", [])
