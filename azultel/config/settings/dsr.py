"""Privacy requests from anyone (azultel.dsr; docs/architecture.md "Privacy requests"). The
reminder and purge schedules are dsr.tasks.PERIODIC."""

from __future__ import annotations

from azultel.config.env import env_int

# Hours an emailed verification or download link stays valid (single use either way).
DSR_LINK_HOURS = env_int("DSR_LINK_HOURS", 72)
# Days before a deadline (acknowledge, answer) the privacy officer is reminded, once.
DSR_REMINDER_DAYS = env_int("DSR_REMINDER_DAYS", 3)
# B3: a closed request (and its agent's permission file) is deleted this many months after closing.
DSR_RETENTION_MONTHS = env_int("DSR_RETENTION_MONTHS", 24)
# Requests filed per client address per hour (each emails a link to the address typed).
DSR_REQUEST_RATE_LIMIT = env_int("DSR_REQUEST_RATE_LIMIT", 5)
