"""Co-sponsored events (azultel.events; docs/architecture.md "Events").

The reminder and retention jobs' schedules are events.tasks.PERIODIC.
"""

from __future__ import annotations

from azultel.config.env import env_int

# The reminder email (with the calendar file) goes this many hours before an event starts.
EVENTS_REMINDER_HOURS_BEFORE = env_int("EVENTS_REMINDER_HOURS_BEFORE", 24)
# B3: an event's registrations (names, addresses, answers) are deleted this many days after
# the event ends; the aggregate counts and the disclosure record stay.
EVENTS_RETENTION_DAYS = env_int("EVENTS_RETENTION_DAYS", 90)
# Registrations per client address per hour (the public form).
EVENTS_REGISTER_RATE_LIMIT = env_int("EVENTS_REGISTER_RATE_LIMIT", 10)
