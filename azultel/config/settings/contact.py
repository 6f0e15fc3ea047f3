"""Contact threads: acknowledgements, replies and the staff inbox (azultel.contact;
docs/architecture.md "Contact messages"). The purge's schedule is contact.tasks.PERIODIC."""

from __future__ import annotations

from azultel.config.env import env_int, env_str

# B3: a closed thread (every message and note in it) is deleted this many days after closing.
CONTACT_THREAD_RETENTION_DAYS = env_int("CONTACT_THREAD_RETENTION_DAYS", 365)
# The domain of the reply+<token>@ address on acknowledgements and replies; empty: SITE_URL's host.
CONTACT_REPLY_DOMAIN = env_str("CONTACT_REPLY_DOMAIN", "")
# Follow-up messages through the private link or the account, per client address per hour.
CONTACT_REPLY_RATE_LIMIT = env_int("CONTACT_REPLY_RATE_LIMIT", 10)
